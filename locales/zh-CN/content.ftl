# netplus: texts for the content data (content/*.toml), Mandarin.
# SAMPLE content: the operator replaces packages, prices and rules.

## Packages: pkg-<id>-name (its term in terms.ftl), -gives, -who, -bring, -where.
## The catalogue's numbers are variables: { $pkg-<id>-fee }, -price, -gb, -minutes.
pkg-village-name = { -pkg-village }
pkg-village-gives = 月租减半，来电免费。
pkg-village-who = 适合：定点县的脱贫户、低保户和残疾人（已办帮扶套餐的除外）。
pkg-village-bring = 带上：{ -id-card }和户口本，再带{ -dibao-card }、{ -disability-card }或村委会开的脱贫户证明。
pkg-village-where = 到县里或乡里的{ -service-hall }办理。

pkg-broadband-name = { -pkg-broadband }
pkg-broadband-gives = { -broadband }半价，免费安装。
pkg-broadband-who = 适合：部分定点县的脱贫户和低保户家庭。
pkg-broadband-bring = 带上：户主{ -id-card }和户口本。
pkg-broadband-where = 到{ -service-hall }办理，或打客服电话预约上门。

pkg-elderly-name = { -pkg-elderly }
pkg-elderly-gives = 来电显示免费，子女可代交话费。
pkg-elderly-who = 适合：60 岁及以上的老人。
pkg-elderly-bring = 带上：老人的{ -id-card }。
pkg-elderly-where = 到{ -service-hall }办理，家人可以陪同。

pkg-student-name = { -pkg-student }
pkg-student-gives = 网课和学习软件的{ -data }免费。
pkg-student-who = 适合：在校学生。
pkg-student-bring = 带上：学生证或学校证明，和{ -id-card }。
pkg-student-where = 到{ -service-hall }办理。

pkg-phone-name = { -pkg-phone }
pkg-phone-gives = 送 100 元话费，保修一年。
pkg-phone-who = 适合：脱贫户、低保户和 60 岁及以上的老人。
pkg-phone-bring = 带上：{ -id-card }。
pkg-phone-where = 到{ -service-hall }购买。

pkg-bilingual-phone-name = { -pkg-bilingual-phone }
pkg-bilingual-phone-gives = 藏汉或维汉双语，送 50 元话费。
pkg-bilingual-phone-who = 适合：定点县的居民。
pkg-bilingual-phone-bring = 带上：{ -id-card }。
pkg-bilingual-phone-where = 到{ -service-hall }购买。

pkg-gift-name = { -pkg-gift }
pkg-gift-gives = 入网送 { $pkg-gift-gb } GB { -data }和一个手机卡套。
pkg-gift-who = 适合：新用户（新办号码的人），老用户不能领。
pkg-gift-bring = 带上：{ -id-card }。
pkg-gift-where = 到{ -service-hall }领取。

## Questionnaire: q-<id> and q-<id>-<choice>
q-household = 您家是脱贫户或低保户吗？
q-household-low-income = 脱贫户
q-household-dibao = 低保户
q-household-neither = 都不是
q-disability = 您有残疾证吗？
q-disability-yes = 有
q-disability-no = 没有
q-age = 您多大年纪？
q-age-under-18 = 18 岁以下
q-age-18-59 = 18 到 59 岁
q-age-60-plus = 60 岁及以上
q-student = 您是学生吗？
q-student-yes = 是
q-student-no = 不是
q-county = 您住在哪个县？
q-county-unknown = 我不知道
q-has-support = 您已经办了帮扶套餐吗？
q-has-support-yes = 办了
q-has-support-no = 没办

## Requirements, said as what is needed: need-<question>-<choice>
## (need-not-<question>-<choice> for a condition that rules a package out)
need-household-low-income = 是脱贫户
need-household-dibao = 是低保户
need-disability-yes = 有残疾证
need-age-60-plus = 满 60 岁
need-student-yes = 是学生
need-not-has-support-yes = 还没有办过帮扶套餐

## Counties: county-<code>
county-540121 = 林周县
county-540122 = 当雄县
county-540123 = 尼木县
county-653121 = 疏附县
county-653122 = 疏勒县
county-653221 = 和田县
