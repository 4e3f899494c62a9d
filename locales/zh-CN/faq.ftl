### FAQ for free-text questions (zh-CN).
### For every topic:
###   faq-<topic>-title  button label (2–5 words)
###   faq-<topic>-q      question variants and keywords, one per line (matching only, never shown)
###   faq-<topic>-a      the answer shown to the user: names and concepts by their term
###                      (terms.ftl: { -pkg-village }, { -service-hall }), the catalogue's numbers by
###                      variable ({ $pkg-village-fee }, -price, -gb, -minutes), never written out
### Sample operator: rural support programme, hotline 10086, service hall 9:00–17:00.

## apply

faq-apply-title = 申请帮扶套餐
faq-apply-q =
    怎么申请帮扶套餐
    帮扶套餐在哪里办
    我想办理扶贫套餐
    如何办理乡村套餐
    申请套餐的流程是什么
    可以上门办理吗
    村里有代办员吗
    怎麼申請幫扶套餐
    辦理套餐要去哪裡
    办理 申请 开户 办卡
faq-apply-a = 带上本人{ -id-card }，到乡镇{ -service-hall }或找村里的代办员就能办理。行动不便的，可以拨打10086预约工作人员上门办理。

## documents

faq-documents-title = 需要带什么证件
faq-documents-q =
    办理需要什么材料
    要带哪些证件
    需要身份证吗
    没有身份证能办吗
    户口本要不要带
    帮家人代办要带什么
    需要准备什么资料
    辦理需要帶什麼證件
    證明材料 身份證 戶口本
    材料 证件 证明 手续
faq-documents-a = 需要本人{ -id-card }原件。办{ -pkg-village }还要带户口本，再带{ -dibao-card }、{ -disability-card }或村委会开的脱贫户证明其中一样；替家人代办，要带双方的{ -id-card }。

## fees

faq-fees-title = 套餐价格
faq-fees-q =
    套餐多少钱
    每个月要交多少钱
    资费是多少
    各个套餐的价格
    月租多少
    收费标准
    最便宜的套餐是哪个
    費用是多少
    每月月租貴不貴
    套餐资费怎么收
    价格 资费 月租 收费 多少钱

faq-fees-a = { -pkg-village }每月{ $pkg-village-fee }元，{ -pkg-elderly }每月{ $pkg-elderly-fee }元，{ -pkg-student }每月{ $pkg-student-fee }元，{ -pkg-broadband }每月{ $pkg-broadband-fee }元。

## data-and-minutes

faq-data-and-minutes-title = { -data }和通话时长
faq-data-and-minutes-q =
    套餐里有多少流量
    每个月有多少分钟通话
    流量够不够用
    包含多少G流量
    打电话有多少分钟
    流量用完了怎么办
    超出套餐怎么收费
    套餐內容有哪些
    通話分鐘數和流量
    流量 分钟 通话 GB
faq-data-and-minutes-a = { -pkg-village }每月含{ $pkg-village-gb }GB{ -data }和{ $pkg-village-minutes }分钟国内通话，{ -pkg-elderly }每月含{ $pkg-elderly-gb }GB{ -data }和{ $pkg-elderly-minutes }分钟通话。用超了按标准资费收费，也可以加买{ -data }包。

## balance

faq-balance-title = 查询余额和用量
faq-balance-q =
    怎么查话费余额
    还剩多少话费
    查一下剩余流量
    我的流量还有多少
    这个月用了多少
    怎么知道有没有欠费
    余额查询
    查詢話費餘額
    剩餘流量怎麼查
    余额 剩余 用量 查询
faq-balance-a = 拨打10086，按语音提示就能查话费余额和剩余{ -data }；也可以到{ -service-hall }请工作人员帮你查。

## top-up

faq-top-up-title = 充话费
faq-top-up-q =
    怎么充话费
    在哪里交话费
    手机欠费了怎么充值
    可以用微信充值吗
    村里能交话费吗
    给家里老人充话费
    充值方式有哪些
    話費怎麼充值
    在哪裡繳費
    充值 缴费 交费 充钱
faq-top-up-a = 可以在{ -service-hall }或村里的代办点用现金充值，也可以在手机上用微信或支付宝充值，一般几分钟就到账。

## no-signal

faq-no-signal-title = 村里没有信号
faq-no-signal-q =
    村里没信号
    手机没有信号怎么办
    信号很差打不了电话
    我们村网络覆盖不到
    山里信号不好
    什么时候能通网
    上不了网 网速很慢
    我們村沒有訊號
    信號太弱
    信号 覆盖 基站 没网
faq-no-signal-a = 请拨打10086报告村名和位置，我们会登记并派人检测。村村通工程还在扩大覆盖，新基站建好后会通知村委会。

## cheap-phone

faq-cheap-phone-title = { -pkg-phone }
faq-cheap-phone-q =
    有便宜的手机吗
    低价手机多少钱
    想买个4G手机
    老人用的便宜手机
    哪里买扶贫手机
    手机太贵了买不起
    便宜手機在哪買
    低價4G手機
    199元的智能手机
    智能手机多少钱一台
    手机 便宜 低价 购机

faq-cheap-phone-a = { -pkg-phone }每台{ $pkg-phone-price }元，脱贫户、低保户和60岁及以上的老人可以在{ -service-hall }购买，配合帮扶套餐用更划算。

## bilingual-phone

faq-bilingual-phone-title = { -pkg-bilingual-phone }
faq-bilingual-phone-q =
    有藏文手机吗
    有维吾尔语的手机吗
    双语手机多少钱
    藏汉双语手机
    维汉双语手机在哪买
    民族语言的手机
    雙語手機價格
    有沒有維吾爾文的手機
    双语 藏文 维文 民族文字
faq-bilingual-phone-a = { -pkg-bilingual-phone }有藏汉和维汉两种，每台{ $pkg-bilingual-phone-price }元，菜单和输入法都有民族文字。定点县的居民可以到{ -service-hall }购买。

## phone-language

faq-phone-language-title = 设置手机语言
faq-phone-language-q =
    怎么把手机设置成藏文
    手机语言怎么改成维吾尔语
    手机界面换成藏语
    怎么切换输入法
    手机打不出藏文字
    设置系统语言
    手机显示乱码
    怎麼設定手機語言
    輸入法切換
    手机语言怎么调
    设置 语言 输入法 切换

faq-phone-language-a = 打开手机的“设置”，找到“语言和输入法”，选择藏文或维吾尔文就可以。不会设置的话，可以到{ -service-hall }请工作人员帮你设置。

## broadband

faq-broadband-title = 家庭{ -broadband }
faq-broadband-q =
    家里想装宽带
    宽带怎么办理
    安装宽带要多少钱
    家里能装无线网吗
    宽带半价是真的吗
    装WiFi
    光纤入户
    家裡裝寬帶
    寬頻費用
    宽带 wifi 光纤 网线 上网
faq-broadband-a = { -pkg-broadband }给部分定点县的脱贫户和低保户家庭，{ -broadband }半价，每月{ $pkg-broadband-fee }元。拨打10086或到{ -service-hall }申请，工作人员会上门安装。

## support-package

faq-support-package-title = { -pkg-village }
faq-support-package-q =
    帮扶套餐是什么
    扶贫套餐有什么优惠
    乡村帮扶套餐包括什么
    8元套餐
    村村通套餐介绍
    扶贫卡
    低保套餐
    幫扶套餐是什麼
    扶貧套餐有哪些優惠
    帮扶 扶贫 乡村振兴 套餐 优惠
faq-support-package-a = { -pkg-village }是给定点县的脱贫户、低保户和残疾人的优惠套餐，每月{ $pkg-village-fee }元，含通话和{ -data }。新用户入网还送{ $pkg-gift-gb }GB{ -data }。

## eligibility

faq-eligibility-title = 谁可以办理
faq-eligibility-q =
    谁能办帮扶套餐
    我符合条件吗
    什么人可以享受优惠
    办理条件是什么
    普通村民能办吗
    不是贫困户可以办吗
    申请资格
    誰可以辦理
    我有沒有資格
    条件 资格 符合 享受
faq-eligibility-a = { -pkg-village }：定点县的脱贫户、低保户和持{ -disability-card }的人；{ -pkg-elderly }：60岁及以上的老人；{ -pkg-student }：在校学生。不确定的话，可以问村委会或拨打10086。

## elderly

faq-elderly-title = { -pkg-elderly }
faq-elderly-q =
    老人套餐
    60岁以上有什么优惠
    给爸妈办个便宜的套餐
    老年卡多少钱
    爷爷奶奶用什么套餐好
    老年人专用套餐
    年纪大了不会用手机
    老年人套餐多少錢
    給老人辦卡
    老人 老年 长辈 60岁
faq-elderly-a = 60岁及以上的老人可以办{ -pkg-elderly }，每月{ $pkg-elderly-fee }元。{ -service-hall }工作人员还可以帮老人把手机字体调大、存好常用号码。

## student

faq-student-title = { -pkg-student }
faq-student-q =
    学生有优惠吗
    孩子上学用的流量包
    学生流量包多少钱
    学生卡怎么办
    学习软件免流量
    中学生套餐
    大学生优惠
    學生流量包
    學生有沒有便宜的卡
    学生 学生证 学校 学习软件
faq-student-a = { -pkg-student }每月{ $pkg-student-fee }元，含{ $pkg-student-gb }GB{ -data }和{ $pkg-student-minutes }分钟通话，网课和学习软件的{ -data }免费。带学生证或学校证明和{ -id-card }到{ -service-hall }办理。

## disability

faq-disability-title = 残疾人优惠
faq-disability-q =
    残疾人有优惠吗
    残疾证能办什么
    盲人怎么用手机
    聋哑人可以办套餐吗
    行动不便能上门办理吗
    残疾人套餐
    坐轮椅去不了营业厅
    殘疾人有什麼優惠
    殘疾證
    残疾 残障 残疾证 盲人
faq-disability-a = 持{ -disability-card }、住在定点县的，可以办理{ -pkg-village }，每月{ $pkg-village-fee }元。行动不便的，可以拨打10086预约工作人员上门办理。

## lost-sim

faq-lost-sim-title = 手机卡丢了
faq-lost-sim-q =
    手机卡丢了
    手机丢了怎么办
    SIM卡坏了
    补办手机卡
    电话卡掉了
    卡被偷了要挂失
    换一张新卡
    手機卡丟了
    補辦電話卡
    挂失 补卡 丢失 被偷
faq-lost-sim-a = 请马上拨打10086挂失停机，再带本人{ -id-card }到{ -service-hall }补办新卡，号码不变。

## broken-phone

faq-broken-phone-title = 手机坏了
faq-broken-phone-q =
    手机坏了
    手机坏了怎么办
    手机摔坏了
    手机屏幕碎了
    手机开不了机
    手机进水了
    手机充不进电
    手机很卡用不了
    手機壞了
    坏了 摔坏 开不了机 修手机
faq-broken-phone-a = 手机坏了不用停机，号码和套餐照常。请带手机到{ -service-hall }，工作人员帮您看能不能修。想换一部便宜的新手机，可以问{ -pkg-phone }。

## change-package

faq-change-package-title = 更换套餐
faq-change-package-q =
    怎么换套餐
    我想换个便宜的套餐
    套餐改成老年套餐
    换成帮扶套餐
    升级套餐
    现在的套餐不划算想改
    变更套餐
    怎麼更換套餐
    轉換資費方案
    更换 变更 改套餐 换
faq-change-package-a = 拨打10086或到{ -service-hall }就可以更换套餐，新套餐从下个月开始生效。

## cancel-package

faq-cancel-package-title = 取消套餐
faq-cancel-package-q =
    怎么取消套餐
    不想用了怎么退订
    退订流量包
    注销手机号
    销户
    取消业务
    停掉这个套餐
    怎麼退訂套餐
    註銷號碼
    取消 退订 注销 停用
faq-cancel-package-a = 拨打10086或带{ -id-card }到{ -service-hall }就能退订，从下个月起生效。注销号码前请先结清话费。

## complaint

faq-complaint-title = 投诉建议
faq-complaint-q =
    我要投诉
    服务态度太差
    对服务不满意
    怎么反映问题
    提意见
    投诉电话是多少
    我要举报工作人员
    我要投訴
    服務不滿意
    投诉 意见 建议 不满
faq-complaint-a = 拨打10086说明情况，或到{ -service-hall }填写意见单，我们会尽快处理并回复你。

## service-hall

faq-service-hall-title = { -service-hall }地址和时间
faq-service-hall-q =
    营业厅在哪里
    营业厅几点开门
    营业时间
    周末营业吗
    最近的营业厅
    营业厅几点下班
    去哪里办业务
    營業廳在哪裡
    幾點關門
    营业厅 地址 时间 上班
faq-service-hall-a = { -service-hall }在乡镇上，营业时间是9:00到17:00。具体地址可以问村委会或拨打10086。

## education

faq-education-title = 远程上课
faq-education-q =
    孩子怎么上网课
    远程教育
    在家上课
    网上学习
    村里学校能看直播课吗
    手机上课很卡
    在线课堂
    遠程教育
    網上課程
    网课 上课 教育 课堂
faq-education-a = 孩子可以用手机或电视上网课、看名校课程。办{ -pkg-student }，每月{ $pkg-student-fee }元含{ $pkg-student-gb }GB{ -data }，网课的{ -data }免费，上网课更省钱。

## health

faq-health-title = 远程医疗
faq-health-q =
    远程看病
    在手机上问医生
    网上看医生
    村卫生室能远程会诊吗
    在线问诊
    看病难怎么办
    网上挂号
    遠程醫療
    線上看醫生
    看病 医生 医院 健康 医疗
faq-health-a = 村卫生室和乡镇卫生院可以通过网络请县里的医生远程会诊；也可以在手机上在线问诊、预约挂号。

## farm-sales

faq-farm-sales-title = 网上卖农产品
faq-farm-sales-q =
    怎么在网上卖东西
    农产品怎么卖出去
    开网店
    直播带货
    我家的苹果卖不掉
    电商培训
    网上卖土特产
    網上賣農產品
    開網店
    卖 销售 电商 农产品 特产
faq-farm-sales-a = { -service-hall }和村服务站有免费的电商培训，教你用手机开网店、拍视频、直播卖农产品。报名可以问村委会或拨打10086。

## scam

faq-scam-title = 防诈骗
faq-scam-q =
    接到诈骗电话
    有人让我转账
    说我中奖了是真的吗
    验证码能告诉别人吗
    陌生人要我的银行卡号
    冒充客服的电话
    被骗了怎么办
    詐騙電話
    有人叫我匯款
    诈骗 骗子 转账 验证码
faq-scam-a = 不要把验证码和密码告诉任何人，我们不会打电话让你转账。接到可疑电话请直接挂断，被骗了马上报警110。

## real-name

faq-real-name-title = 实名登记
faq-real-name-q =
    什么是实名制
    手机号要实名登记吗
    怎么实名认证
    卡不是我名字的
    用别人的身份证办卡
    实名登记
    帮家人实名
    手機號實名登記
    實名認證
    实名 登记 认证 本人
faq-real-name-a = 按规定，手机卡必须用本人{ -id-card }实名登记。带{ -id-card }到{ -service-hall }就能办理，不要借用别人的卡。

## roaming

faq-roaming-title = 外地和漫游
faq-roaming-q =
    去外地打工手机能用吗
    漫游费
    出省要收费吗
    到外地打电话贵不贵
    出国能用吗
    国际漫游
    在外地上网
    漫遊費
    去外地打電話收費嗎
    漫游 外地 外省 出国
faq-roaming-a = 国内已经取消漫游费，在外地打电话、上网和在家一样收费。出国前要先拨打10086开通国际漫游。

## free-gift

faq-free-gift-title = { -pkg-gift }
faq-free-gift-q =
    办卡送什么
    有没有赠品
    新用户送流量吗
    送的1GB流量什么时候到
    免费送的东西
    入网礼品
    办套餐有礼物吗
    辦卡送什麼
    贈品
    赠送的流量多久到账
    赠送 礼品 免费 送

faq-free-gift-a = { -pkg-gift }只给新用户：新办号码送{ $pkg-gift-gb }GB{ -data }和一个手机卡套，{ -data }一般在办理后24小时内到账。老用户不能领。

## bill-dispute

faq-bill-dispute-title = 话费有疑问
faq-bill-dispute-q =
    话费怎么这么多
    扣费不对
    乱扣费
    账单有问题
    莫名其妙被扣钱
    查话费详单
    多收了钱能退吗
    話費被多扣了
    帳單有錯
    扣费 账单 详单 多扣 退钱
faq-bill-dispute-a = 拨打10086可以查话费详单。如果确实扣错了，我们核实后会把钱退给你。

## human

faq-human-title = 转人工客服
faq-human-q =
    我要找人工
    转人工
    人工客服
    和真人说话
    客服电话多少
    打电话给客服
    机器人听不懂
    轉人工客服
    我要跟真人講話
    人工 客服 真人 工作人员 10086
faq-human-a = 拨打10086，按提示转人工客服；也可以在9:00到17:00到{ -service-hall }找工作人员。

## Topic groups on the Ask screen (content/operator.toml [[faq_group]]): short labels

faq-group-apply = 办理和证件
faq-group-fees = 话费和套餐
faq-group-signal = 信号和上网
faq-group-phone = 手机和卡
faq-group-people = 老人、学生、残疾人
faq-group-online = 网上服务
faq-group-help = { -service-hall }和人工
