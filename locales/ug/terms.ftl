# netplus: one word per concept (Fluent terms), Uyghur. Every text that names a
# package or one of these concepts uses the term ({ -service-hall }), never a
# second word; `netplus check` refuses a FAQ answer or package sentence that
# writes a term's word itself. Question lines (faq-*-q) may list other words
# (كەڭ بەلۋاغ، گۇۋاھنامە …): they are what users type.
# A suffix follows the term directly: { -service-hall }غا، { -id-card }ىڭىزنى.

## Package names: pkg-<id>-name in content.ftl is its term.
-pkg-village = كەنت ئېتىبار بوغچىسى
-pkg-broadband = ئائىلە كەڭ بەلباغ ئېتىبارى
-pkg-elderly = ياشانغانلارغا كۆڭۈل بۆلۈش بوغچىسى
-pkg-student = ئوقۇغۇچىلار ئۆگىنىش ئېقىم بوغچىسى
-pkg-phone = ئەرزان 4G يانفون
-pkg-bilingual-phone = قوش تىللىق يانفون
-pkg-gift = يېڭى ئابونتلارغا سوۋغا

## Concepts (broadband: بەلباغ, not بەلۋاغ)
-service-hall = مۇلازىمەت زالى
-id-card = كىملىك
-data = ئېقىم
-broadband = كەڭ بەلباغ
-disability-card = مېيىپلىك كىنىشكىسى
-dibao-card = تۇرمۇش كاپالىتى كىنىشكىسى
