# netplus: one word per concept (Fluent terms), Tibetan. Every text that names a
# package or one of these concepts uses the term ({ -service-hall }), never a
# second word; `netplus check` refuses a FAQ answer or package sentence that
# writes a term's word itself. Question lines (faq-*-q) may list other words
# (ཞབས་ཞུ་ཁང, རྒྱུན་ཚད, ངོ་སྤྲོད་ལག་ཁྱེར …): they are what users type.
# A particle after a term follows its last letter: { -service-hall }་དུ, { -broadband }འི.

## Package names: pkg-<id>-name in content.ftl is its term.
-pkg-village = གྲོང་ཚོ་ཁེ་ཕན་ཐུམ་སྒྲིལ
-pkg-broadband = ཁྱིམ་ཚང་དྲ་རྒྱའི་ཁེ་ཕན
-pkg-elderly = རྒན་པར་བྱམས་བརྩེའི་ཐུམ་སྒྲིལ
-pkg-student = སློབ་མའི་སློབ་སྦྱོང་བཞུར་ཚད་ཐུམ་སྒྲིལ
-pkg-phone = གོང་ཆུང་བའི་ 4G ལག་ཐོགས་ཁ་པར
-pkg-bilingual-phone = སྐད་གཉིས་ལག་ཐོགས་ཁ་པར
-pkg-gift = སྤྱོད་མཁན་གསར་པའི་སྐྱེས་ཐུམ

## Concepts (data: བཞུར་ཚད, the word of botok's dictionary)
-service-hall = ཚོང་ལས་ཁང
-id-card = ཐོབ་ཐང་ལག་ཁྱེར
-data = བཞུར་ཚད
-broadband = ཁྱིམ་ཚང་དྲ་རྒྱ
-disability-card = དབང་པོ་སྐྱོན་ཅན་ལག་ཁྱེར
-dibao-card = དམའ་འགན་ལག་ཁྱེར
