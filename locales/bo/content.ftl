# netplus: texts for the content data (content/*.toml), Tibetan.
# SAMPLE content: the operator replaces packages, prices and rules.

## Packages: pkg-<id>-name (its term in terms.ftl), -gives, -who, -bring, -where.
## The catalogue's numbers are variables: { $pkg-<id>-fee }, -price, -gb, -minutes.
pkg-village-name = { -pkg-village }
pkg-village-gives = ཟླ་རེའི་གླ་ཆ་ཕྱེད་ཀ་ཆག་པ་དང་། ཡོང་བའི་ཁ་པར་རིན་མེད་ཡིན།
pkg-village-who = ཞུ་ཆོག་མཁན། གཏན་འཁེལ་རོགས་སྐྱོར་རྫོང་གི་དབུལ་ཐར་ཁྱིམ་ཚང་དང་། དམའ་འགན་ཁྱིམ་ཚང་། དབང་པོ་སྐྱོན་ཅན་བཅས། རོགས་སྐྱོར་ཐུམ་སྒྲིལ་ཞུས་ཟིན་པ་མ་གཏོགས།
pkg-village-bring = ཁྱེར་དགོས་པ། { -id-card }་དང་ཐེམ་ཐོ་དེབ། དེ་མིན་{ -dibao-card }་དང་། { -disability-card }། ཡང་ན་གྲོང་ཚོའི་ཨུ་ཡོན་ལྷན་ཁང་གི་དབུལ་ཐར་ཁྱིམ་ཚང་གི་ར་སྤྲོད་ཡི་གེ་གང་རུང་གཅིག
pkg-village-where = རྫོང་ངམ་ཤང་གི་{ -service-hall }་དུ་ཞུ་རོགས།

pkg-broadband-name = { -pkg-broadband }
pkg-broadband-gives = { -broadband }འི་གླ་ཆ་ཕྱེད་ཀ་ཆག་པ་དང་། སྒྲིག་སྦྱོར་རིན་མེད་ཡིན།
pkg-broadband-who = ཞུ་ཆོག་མཁན། གཏན་འཁེལ་རོགས་སྐྱོར་རྫོང་ཁག་ཅིག་གི་དབུལ་ཐར་ཁྱིམ་ཚང་དང་དམའ་འགན་ཁྱིམ་ཚང་།
pkg-broadband-bring = ཁྱེར་དགོས་པ། ཁྱིམ་བདག་གི་{ -id-card }་དང་ཐེམ་ཐོ་དེབ།
pkg-broadband-where = { -service-hall }་དུ་ཞུ་རོགས། ཡང་ན་ཞབས་ཞུའི་ཁ་པར་བཏང་ན་ལས་བྱེད་པ་ཁྱིམ་དུ་ཡོང་གི་རེད།

pkg-elderly-name = { -pkg-elderly }
pkg-elderly-gives = ཡོང་བའི་ཁ་པར་གྱི་ཨང་གྲངས་མངོན་པ་རིན་མེད་ཡིན། བུ་ཕྲུག་གིས་ཁ་པར་གླ་ཆ་ཚབ་ཏུ་སྤྲོད་ཐུབ།
pkg-elderly-who = ཞུ་ཆོག་མཁན། ལོ་ 60 དང་དེ་ཡན་གྱི་རྒན་པ།
pkg-elderly-bring = ཁྱེར་དགོས་པ། རྒན་པའི་{ -id-card }།
pkg-elderly-where = { -service-hall }་དུ་ཞུ་རོགས། ཁྱིམ་མི་མཉམ་དུ་ཡོང་ཐུབ།

pkg-student-name = { -pkg-student }
pkg-student-gives = དྲ་ཐོག་སློབ་ཚན་དང་སློབ་སྦྱོང་མཉེན་ཆས་ཀྱི་{ -data }་རིན་མེད་ཡིན།
pkg-student-who = ཞུ་ཆོག་མཁན། སློབ་གྲྭར་སློབ་སྦྱོང་བྱེད་བཞིན་པའི་སློབ་མ།
pkg-student-bring = ཁྱེར་དགོས་པ། སློབ་མའི་ལག་ཁྱེར་ཡང་ན་སློབ་གྲྭའི་ར་སྤྲོད་ཡི་གེ། དེ་བཞིན་{ -id-card }།
pkg-student-where = { -service-hall }་དུ་ཞུ་རོགས།

pkg-phone-name = { -pkg-phone }
pkg-phone-gives = ཁ་པར་གླ་ཆ་སྒོར་ 100 སྐྱེས་སུ་སྤྲོད་པ་དང་། ལོ་གཅིག་རིང་རིན་མེད་ཉམས་གསོ་བྱེད།
pkg-phone-who = ཞུ་ཆོག་མཁན། དབུལ་ཐར་ཁྱིམ་ཚང་དང་། དམའ་འགན་ཁྱིམ་ཚང་། ལོ་ 60 དང་དེ་ཡན་གྱི་རྒན་པ་བཅས།
pkg-phone-bring = ཁྱེར་དགོས་པ། { -id-card }།
pkg-phone-where = { -service-hall }་དུ་ཉོ་རོགས།

pkg-bilingual-phone-name = { -pkg-bilingual-phone }
pkg-bilingual-phone-gives = བོད་རྒྱ་སྐད་གཉིས་ཡང་ན་ཡུ་གུར་རྒྱ་སྐད་གཉིས་ཡོད། ཁ་པར་གླ་ཆ་སྒོར་ 50 སྐྱེས་སུ་སྤྲོད།
pkg-bilingual-phone-who = ཞུ་ཆོག་མཁན། གཏན་འཁེལ་རོགས་སྐྱོར་རྫོང་གི་སྡོད་དམངས།
pkg-bilingual-phone-bring = ཁྱེར་དགོས་པ། { -id-card }།
pkg-bilingual-phone-where = { -service-hall }་དུ་ཉོ་རོགས།

pkg-gift-name = { -pkg-gift }
pkg-gift-gives = ཁ་པར་ཨང་གྲངས་གསར་པ་ཞུས་ན་{ -data }་ { $pkg-gift-gb } GB དང་ཁ་པར་ཤོག་བྱང་གི་ཤུབས་གཅིག་སྐྱེས་སུ་སྤྲོད།
pkg-gift-who = ཞུ་ཆོག་མཁན། ཨང་གྲངས་གསར་པ་ཞུ་མཁན་གྱི་སྤྱོད་མཁན་གསར་པ། སྤྱོད་མཁན་རྙིང་པས་ལེན་མི་ཆོག
pkg-gift-bring = ཁྱེར་དགོས་པ། { -id-card }།
pkg-gift-where = { -service-hall }་དུ་ལེན་རོགས།

## Questionnaire: q-<id> and q-<id>-<choice>
q-household = ཁྱེད་ཚང་དབུལ་ཐར་ཁྱིམ་ཚང་ངམ་དམའ་འགན་ཁྱིམ་ཚང་ཡིན་ནམ།
q-household-low-income = དབུལ་ཐར་ཁྱིམ་ཚང
q-household-dibao = དམའ་འགན་ཁྱིམ་ཚང
q-household-neither = གཉིས་ཀ་མིན
q-disability = ཁྱེད་ལ་དབང་པོ་སྐྱོན་ཅན་ལག་ཁྱེར་ཡོད་དམ།
q-disability-yes = ཡོད
q-disability-no = མེད
q-age = ཁྱེད་ཀྱི་དགུང་ལོ་ག་ཚོད་ཡིན།
q-age-under-18 = ལོ་ 18 མ་ཚང་བ
q-age-18-59 = ལོ་ 18 ནས་ 59 བར
q-age-60-plus = ལོ་ 60 དང་དེ་ཡན
q-student = ཁྱེད་སློབ་མ་ཡིན་ནམ།
q-student-yes = ཡིན
q-student-no = མིན
q-county = ཁྱེད་རྫོང་གང་དུ་བཞུགས་ཡོད།
q-county-unknown = ངས་མི་ཤེས།
q-has-support = ཁྱེད་ཀྱིས་རོགས་སྐྱོར་ཐུམ་སྒྲིལ་ཞུས་ཟིན་ནམ།
q-has-support-yes = ཞུས་ཟིན
q-has-support-no = ཞུས་མེད

## Requirements, said as what is needed: need-<question>-<choice>
## (need-not-<question>-<choice> for a condition that rules a package out)
need-household-low-income = དབུལ་ཐར་ཁྱིམ་ཚང་ཡིན་དགོས
need-household-dibao = དམའ་འགན་ཁྱིམ་ཚང་ཡིན་དགོས
need-disability-yes = དབང་པོ་སྐྱོན་ཅན་ལག་ཁྱེར་ཡོད་དགོས
need-age-60-plus = དགུང་ལོ་ 60 ཚང་དགོས
need-student-yes = སློབ་མ་ཡིན་དགོས
need-not-has-support-yes = རོགས་སྐྱོར་ཐུམ་སྒྲིལ་སྔར་ཞུས་མེད་དགོས

## Counties: county-<code>
county-540121 = ལྷུན་གྲུབ་རྫོང་
county-540122 = འདམ་གཞུང་རྫོང་
county-540123 = སྙེ་མོ་རྫོང་
county-653121 = ཁོ་ན་ཤེ་ཧེར་རྫོང་
county-653122 = ཡེང་གི་ཤེ་ཧེར་རྫོང་
county-653221 = ཧོ་ཐན་རྫོང་
