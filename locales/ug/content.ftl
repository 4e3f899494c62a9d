# netplus: texts for the content data (content/*.toml), Uyghur (Arabic script, UEY).
# SAMPLE content: the operator replaces packages, prices and rules.
# Right-to-left: every package name must start with a Uyghur word.

## Packages: pkg-<id>-name (its term in terms.ftl), -gives, -who, -bring, -where.
## The catalogue's numbers are variables: { $pkg-<id>-fee }, -price, -gb, -minutes.
pkg-village-name = { -pkg-village }
pkg-village-gives = ئايلىق ھەققى يېرىمغا چۈشىدۇ، كەلگەن تېلېفون ھەقسىز.
pkg-village-who = كىملەر ئۈچۈن: بەلگىلەنگەن ياردەم ناھىيىسىدىكى نامراتلىقتىن قۇتۇلغان ئائىلىلەر، تۇرمۇش كاپالىتىدىكى ئائىلىلەر ۋە مېيىپلار. ياردەم بوغچىسىنى بېجىرگەنلەر بۇنىڭ سىرتىدا.
pkg-village-bring = ئېلىپ بېرىڭ: { -id-card } ۋە نوپۇس دەپتىرى، يەنە { -dibao-card }، { -disability-card } ياكى كەنت كومىتېتى بەرگەن نامراتلىقتىن قۇتۇلغان ئائىلە ئىسپاتىدىن بىرى.
pkg-village-where = ناھىيە ياكى يېزىدىكى { -service-hall }غا بېرىپ بېجىرىڭ.

pkg-broadband-name = { -pkg-broadband }
pkg-broadband-gives = { -broadband } يېرىم باھادا، ئورنىتىش ھەقسىز.
pkg-broadband-who = كىملەر ئۈچۈن: بەزى بەلگىلەنگەن ياردەم ناھىيىلىرىدىكى نامراتلىقتىن قۇتۇلغان ئائىلىلەر ۋە تۇرمۇش كاپالىتىدىكى ئائىلىلەر.
pkg-broadband-bring = ئېلىپ بېرىڭ: ئائىلە باشلىقىنىڭ { -id-card }ى ۋە نوپۇس دەپتىرى.
pkg-broadband-where = { -service-hall }دا بېجىرىڭ، ياكى مۇلازىمەت تېلېفونىغا تېلېفون قىلسىڭىز، ئۆيىڭىزگە كېلىدۇ.

pkg-elderly-name = { -pkg-elderly }
pkg-elderly-gives = كەلگەن تېلېفون نومۇرىنى كۆرسىتىش ھەقسىز، پەرزەنتلىرى تېلېفون ھەققىنى تۆلەپ بېرەلەيدۇ.
pkg-elderly-who = كىملەر ئۈچۈن: 60 ياش ۋە ئۇنىڭدىن چوڭ ياشانغانلار.
pkg-elderly-bring = ئېلىپ بېرىڭ: ياشانغان كىشىنىڭ { -id-card }ى.
pkg-elderly-where = { -service-hall }دا بېجىرىڭ، ئائىلە كىشىلىرى بىللە بارسا بولىدۇ.

pkg-student-name = { -pkg-student }
pkg-student-gives = تور دەرسى ۋە ئۆگىنىش ئەپلىرىنىڭ { -data }ى ھەقسىز.
pkg-student-who = كىملەر ئۈچۈن: مەكتەپتە ئوقۇۋاتقان ئوقۇغۇچىلار.
pkg-student-bring = ئېلىپ بېرىڭ: ئوقۇغۇچىلىق كىنىشكىسى ياكى مەكتەپ ئىسپاتى، ۋە { -id-card }.
pkg-student-where = { -service-hall }دا بېجىرىڭ.

pkg-phone-name = { -pkg-phone }
pkg-phone-gives = تېلېفون ھەققى 100 يۈەن سوۋغا قىلىنىدۇ، بىر يىل ھەقسىز رېمونت قىلىپ بېرىلىدۇ.
pkg-phone-who = كىملەر ئۈچۈن: نامراتلىقتىن قۇتۇلغان ئائىلىلەر، تۇرمۇش كاپالىتىدىكى ئائىلىلەر، 60 ياش ۋە ئۇنىڭدىن چوڭ ياشانغانلار.
pkg-phone-bring = ئېلىپ بېرىڭ: { -id-card }.
pkg-phone-where = { -service-hall }دىن سېتىۋېلىڭ.

pkg-bilingual-phone-name = { -pkg-bilingual-phone }
pkg-bilingual-phone-gives = ئۇيغۇرچە-خەنزۇچە ياكى زاڭزۇچە-خەنزۇچە قوش تىللىق، تېلېفون ھەققى 50 يۈەن سوۋغا قىلىنىدۇ.
pkg-bilingual-phone-who = كىملەر ئۈچۈن: بەلگىلەنگەن ياردەم ناھىيىسىدىكى ئاھالىلەر.
pkg-bilingual-phone-bring = ئېلىپ بېرىڭ: { -id-card }.
pkg-bilingual-phone-where = { -service-hall }دىن سېتىۋېلىڭ.

pkg-gift-name = { -pkg-gift }
pkg-gift-gives = يېڭى نومۇر ئالسىڭىز، { $pkg-gift-gb } GB { -data } ۋە بىر يانفون كارتىسى غىلاپى سوۋغا قىلىنىدۇ.
pkg-gift-who = كىملەر ئۈچۈن: يېڭى نومۇر ئالغان يېڭى ئابونتلار، كونا ئابونتلارغا بېرىلمەيدۇ.
pkg-gift-bring = ئېلىپ بېرىڭ: { -id-card }.
pkg-gift-where = { -service-hall }غا بېرىپ ئېلىڭ.

## Questionnaire: q-<id> and q-<id>-<choice>
q-household = ئائىلىڭىز نامراتلىقتىن قۇتۇلغان ئائىلىمۇ ياكى تۇرمۇش كاپالىتىدىكى ئائىلىمۇ؟
q-household-low-income = نامراتلىقتىن قۇتۇلغان ئائىلە
q-household-dibao = تۇرمۇش كاپالىتىدىكى ئائىلە
q-household-neither = ھېچقايسىسى ئەمەس
q-disability = سىزدە مېيىپلىك كىنىشكىسى بارمۇ؟
q-disability-yes = بار
q-disability-no = يوق
q-age = يېشىڭىز قانچىدە؟
q-age-under-18 = يېشىم 18 دىن كىچىك
q-age-18-59 = يېشىم 18 بىلەن 59 ئارىلىقىدا
q-age-60-plus = يېشىم 60 ياكى ئۇنىڭدىن چوڭ
q-student = سىز ئوقۇغۇچىمۇ؟
q-student-yes = ھەئە
q-student-no = ياق
q-county = سىز قايسى ناھىيىدە تۇرىسىز؟
q-county-unknown = بىلمەيمەن
q-has-support = ياردەم بوغچىسىنى بېجىرگەنمۇسىز؟
q-has-support-yes = بېجىرگەن
q-has-support-no = بېجىرمىگەن

## Requirements, said as what is needed: need-<question>-<choice>
## (need-not-<question>-<choice> for a condition that rules a package out)
need-household-low-income = نامراتلىقتىن قۇتۇلغان ئائىلە بولۇش
need-household-dibao = تۇرمۇش كاپالىتىدىكى ئائىلە بولۇش
need-disability-yes = مېيىپلىك كىنىشكىسى بولۇش
need-age-60-plus = يېشى 60 قا توشقان بولۇش
need-student-yes = ئوقۇغۇچى بولۇش
need-not-has-support-yes = ياردەم بوغچىسىنى تېخى بېجىرمىگەن بولۇش

## Counties: county-<code>
county-540121 = لخۈنجۇپ ناھىيىسى
county-540122 = دامشۇڭ ناھىيىسى
county-540123 = نيېمو ناھىيىسى
county-653121 = كونىشەھەر ناھىيىسى
county-653122 = يېڭىشەھەر ناھىيىسى
county-653221 = خوتەن ناھىيىسى
