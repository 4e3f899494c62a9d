# netplus: one word per concept (Fluent terms), Mandarin. Every text that names a
# package or one of these concepts uses the term ({ -service-hall }), never a
# second word; `netplus check` refuses a FAQ answer or package sentence that
# writes a term's word itself. Question lines (faq-*-q) may list other words:
# they are what users type.

## Package names: pkg-<id>-name in content.ftl is its term.
-pkg-village = 村村通惠民套餐
-pkg-broadband = 家庭宽带优惠
-pkg-elderly = 老年人关爱套餐
-pkg-student = 学生学习流量包
-pkg-phone = 低价 4G 手机
-pkg-bilingual-phone = 双语手机
-pkg-gift = 新用户礼包

## Concepts
-service-hall = 营业厅
-id-card = 身份证
-data = 流量
-broadband = 宽带
-disability-card = 残疾证
-dibao-card = 低保证
