"""The demo newsroom loaded by ``manage.py load_demo``.

Departments, officials, their titles and the reporters are the ones a real district
paper printed in November 2023 (see shared/samples). Position start dates are not
known to us: every position starts on 2023-01-01, which is enough for the titles to
be right on the dates the demo articles carry. All article text below is written for
this project; none of it is copied from the paper.
"""

import datetime

DEPARTMENTS = [
    # slug, name, full name, aliases, kind, parent slug, order
    ("quwei", "二七区委", "中共郑州市二七区委员会", "", "party", None, 10),
    ("quweiban", "区委办", "中共郑州市二七区委办公室", "区委办公室", "party", "quwei", 11),
    ("zhengce", "区委政策研究中心", "中共郑州市二七区委政策研究中心", "", "party", "quwei", 12),
    ("quzhengfu", "区政府", "郑州市二七区人民政府", "二七区政府\n区人民政府", "government", None, 20),
    ("shangwuju", "区商务局", "郑州市二七区商务局", "二七区商务局", "government", "quzhengfu", 21),
    ("jiuzhuzhan", "区救助站", "郑州市二七区救助管理站", "二七区救助站", "government", "quzhengfu", 22),
    ("jingkaiqu", "二七经开区管委会", "郑州二七经济技术开发区管理委员会", "二七经开区", "government", None, 25),
    ("renda", "区人大常委会", "郑州市二七区人民代表大会常务委员会", "二七区人大常委会\n区人大", "congress", None, 30),
    ("jiwei", "区纪委监委", "中共郑州市二七区纪律检查委员会　郑州市二七区监察委员会", "区纪委监委机关\n二七区纪委监委\n区纪委", "discipline", None, 40),
    ("anweihui", "区安委会", "郑州市二七区安全生产委员会", "二七区安委会", "other", None, 50),
    ("xiaoanwei", "区消安委", "郑州市二七区消防安全委员会", "消安委", "other", None, 51),
    ("shengtai", "郑州市生态环境局二七分局", "郑州市生态环境局二七分局", "生态环境局二七分局", "other", None, 60),
    ("wulibao", "五里堡街道", "郑州市二七区五里堡街道办事处", "五里堡街道办事处", "subdistrict", None, 70),
    ("mazhai", "马寨镇", "郑州市二七区马寨镇人民政府", "", "subdistrict", None, 71),
]  # fmt: skip

POSITION_START = datetime.date(2023, 1, 1)

OFFICIALS = [
    # slug, name, title as printed, department slug, protocol rank
    ("fan-huilin", "樊惠林", "区委书记", "quwei", 10),
    ("hu-rongxin", "虎荣鑫", "区委副书记、区长", "quzhengfu", 20),
    ("lv-anmin", "吕安民", "区人大常委会主任", "renda", 30),
    ("qu-lianwu", "屈连武", "区委常委、常务副区长", "quzhengfu", 40),
    ("tang-xiaoyi", "汤晓义", "区委常委、纪委书记", "jiwei", 50),
    ("wang-qian", "王潜", "区委常委、副区长", "quzhengfu", 60),
    ("wang-chuansheng", "王传胜", "区委常委、区委办主任", "quweiban", 70),
]

REPORTERS = [
    # slug, name, kind
    ("jing-jing", "景静", "reporter"),
    ("zhu-xiangyu", "朱翔宇", "reporter"),
    ("sun-kuolong", "孙扩龙", "correspondent"),
    ("yang-dongjie", "杨东杰", "correspondent"),
]

# Demo accounts: username, password, display name, role (a group in roles.py, or
# "superuser"), reporter slug. Printed by the loader.
ACCOUNTS = [
    ("reporter", "demo-reporter-2023", "景静", "记者", "jing-jing"),
    ("editor", "demo-editor-2023", "值班编辑", "编辑", None),
    ("reviewer", "demo-reviewer-2023", "复审编辑", "编辑", None),
    ("chief", "demo-chief-2023", "总编辑", "总编辑", None),
    ("siteadmin", "demo-siteadmin-2023", "系统管理员", "系统管理员", None),
    ("admin", "demo-admin-2023", "超级管理员", "superuser", None),
]

# Articles. "when" is local time (Asia/Shanghai). "edition" is (date, page, page name,
# order in page). "image" names a generated picture. "status" defaults to published;
# "days_from_now" makes a scheduled article relative to the time of loading;
# "days_ago" a recent one (its time set when first loaded, then kept).
ARTICLES = [
    {
        "title": "区领导调研冬季供暖保障工作",
        "subtitle": "确保群众温暖过冬",
        "when": "2023-11-28 17:30",
        "officials": ["hu-rongxin", "qu-lianwu"],
        "departments": ["quzhengfu"],
        "tags": ["民生保障", "冬季供暖"],
        "bylines": [("reporter", "jing-jing")],
        "edition": ("2023-11-29", 1, "要闻", 1),
        "image": "winter",
        "caption": "调研组在换热站查看设备运行情况（示意图）",
        "featured": True,
        "body": """本报讯 11月28日，二七区委副书记、区长虎荣鑫带队调研冬季供暖保障工作，区委常委、常务副区长屈连武参加。

调研组先后来到热源厂、换热站和老旧小区，详细了解管网运行、燃料储备和入户温度监测等情况。虎荣鑫指出，供暖是群众冬季最关心的事，各相关单位要把问题想在前面，把工作做在前面。

虎荣鑫强调，要建立供暖问题快速响应机制，对群众反映的室温不达标、管网漏损等问题做到当日受理、限时办结；要加强重点设施巡检，确保整个供暖季安全平稳运行。""",
    },
    {
        "title": "二七区召开优化营商环境工作推进会",
        "when": "2023-11-27 16:00",
        "officials": ["hu-rongxin", "wang-qian"],
        "departments": ["quzhengfu", "shangwuju"],
        "tags": ["营商环境", "招商引资"],
        "bylines": [("reporter", "zhu-xiangyu"), ("correspondent", "yang-dongjie")],
        "edition": ("2023-11-28", 1, "要闻", 2),
        "body": """本报讯 11月27日下午，二七区召开优化营商环境工作推进会。区委副书记、区长虎荣鑫出席会议并讲话，区委常委、副区长王潜主持会议。

会议通报了今年以来全区营商环境评价指标完成情况，区商务局等单位围绕企业开办、项目审批、政务服务等事项作了交流发言。

虎荣鑫要求，各部门要以企业感受为第一标准，持续压缩办事时限，推动更多事项“一网通办”“一次办成”，让企业在二七投资安心、发展顺心。""",
    },
    {
        "title": "区人大常委会听取全区民生实事项目进展情况汇报",
        "when": "2023-11-24 11:00",
        "officials": ["lv-anmin"],
        "departments": ["renda"],
        "tags": ["人大工作", "民生实事"],
        "bylines": [("reporter", "jing-jing")],
        "edition": ("2023-11-25", 2, "综合", 1),
        "body": """本报讯 11月24日，二七区人大常委会召开主任会议，听取全区2023年民生实事项目进展情况汇报。区人大常委会主任吕安民主持会议并讲话。

会议指出，今年确定的民生实事项目总体进展顺利，老旧小区改造、养老服务设施建设等项目已陆续投用。

吕安民要求，要加强对民生实事项目的跟踪监督，对进度滞后的项目逐一分析原因、明确时限，确保件件有着落、事事有回音。""",
    },
    {
        "kicker": "以案为鉴　警钟长鸣",
        "title": "区纪委监委开展年终岁尾廉洁提醒",
        "when": "2023-11-30 10:00",
        "officials": ["tang-xiaoyi"],
        "departments": ["jiwei"],
        "tags": ["廉政建设", "作风建设"],
        "bylines": [("reporter", "jing-jing")],
        "edition": ("2023-12-01", 2, "综合", 1),
        "body": """本报讯 临近年底，二七区纪委监委通过集中约谈、发送提醒短信、开展专项检查等方式，对全区党员干部开展廉洁提醒。区委常委、纪委书记汤晓义在集中约谈会上提出要求。

汤晓义强调，年终岁尾是“四风”问题易发多发期，各级党组织要压紧压实主体责任，紧盯违规收送礼品礼金、违规吃喝等问题，坚决防止反弹回潮。

据悉，区纪委监委将组织多个检查组，采取明察暗访、随机抽查等方式，对重点时段、重点领域开展监督检查。""",
    },
    {
        "title": "二七区开展建筑工地安全生产大检查",
        "when": "2023-11-22 15:00",
        "officials": ["qu-lianwu"],
        "departments": ["anweihui"],
        "tags": ["安全生产"],
        "bylines": [("reporter", "zhu-xiangyu"), ("correspondent", "sun-kuolong")],
        "edition": ("2023-11-23", 1, "要闻", 3),
        "image": "site",
        "caption": "检查组在建筑工地查看安全防护设施（示意图）",
        "body": """本报讯 11月22日，二七区委常委、常务副区长屈连武带队检查建筑工地安全生产工作。

检查组深入施工现场，重点查看了脚手架搭设、临时用电、起重机械和消防器材配置等情况，对发现的问题现场交办、限期整改。

屈连武要求，各施工单位要落实安全生产主体责任，严格执行冬季施工各项安全措施；行业主管部门要加大检查频次，对问题整改不到位的坚决依法处理。""",
    },
    {
        "title": "五里堡街道老旧小区改造惠及三千余户居民",
        "when": "2023-11-21 09:30",
        "departments": ["wulibao"],
        "tags": ["老旧小区改造", "城市更新"],
        "bylines": [("correspondent", "yang-dongjie")],
        "edition": ("2023-11-22", 3, "街镇", 1),
        "body": """本报讯 近日，五里堡街道今年纳入改造计划的老旧小区全部完成主体施工，三千余户居民的居住条件得到改善。

改造中，街道坚持“居民点单、社区派单、部门接单”，对楼道照明、雨污管网、停车设施和适老化设施进行了集中提升，并新建了多处口袋公园。

“楼道亮了，路面平了，老人上下楼也有扶手了。”一位在小区住了二十多年的居民说。""",
    },
    {
        "title": "马寨镇举行重点项目集中签约活动",
        "subtitle": "八个项目落户产业园区",
        "when": "2023-11-20 10:30",
        "officials": ["wang-qian"],
        "departments": ["mazhai", "shangwuju"],
        "tags": ["招商引资", "项目建设"],
        "bylines": [("reporter", "zhu-xiangyu")],
        "edition": ("2023-11-21", 1, "要闻", 2),
        "body": """本报讯 11月20日，马寨镇举行重点项目集中签约活动，八个项目现场签约，涵盖精密制造、健康服务和现代物流等领域。区委常委、副区长王潜出席活动。

王潜表示，马寨镇产业基础扎实、区位条件优越，希望签约企业加快项目落地，区里将提供全流程服务，推动项目早开工、早投产、早见效。

据了解，此次签约项目将进一步完善园区产业链条，带动周边群众就业。""",
    },
    {
        "title": "区委政策研究中心召开年度重点课题评审会",
        "when": "2023-11-17 15:00",
        "officials": ["wang-chuansheng"],
        "departments": ["zhengce", "quweiban"],
        "tags": ["调查研究"],
        "bylines": [("reporter", "jing-jing")],
        "edition": ("2023-11-18", 2, "综合", 2),
        "body": """本报讯 11月17日，区委政策研究中心召开年度重点课题评审会，区委常委、区委办主任王传胜出席会议。

评审会上，各课题组围绕商贸服务业转型升级、基层治理创新、健康产业发展等题目汇报了研究成果，评审专家逐一点评并提出修改建议。

王传胜要求，课题研究要坚持问题导向，多到基层一线察实情，形成可操作、能落地的对策建议，更好服务全区决策。""",
    },
    {
        "title": "二七商圈冬季消费季启动",
        "when": "2023-11-25 19:00",
        "departments": ["shangwuju"],
        "tags": ["商贸", "促消费"],
        "bylines": [("reporter", "zhu-xiangyu"), ("photographer", "zhu-xiangyu")],
        "edition": ("2023-11-26", 1, "要闻", 3),
        "image": "market",
        "caption": "消费季启动当晚，商圈客流明显增加（示意图）",
        "featured": True,
        "body": """本报讯 11月25日晚，二七商圈冬季消费季正式启动。活动持续至明年春节，商圈内各大商场将陆续推出家电焕新、餐饮优惠和文化演出等活动。

区商务局相关负责人介绍，此次消费季突出“商旅文”融合，将在步行街区设置非遗展示和特色市集，延长商圈夜间消费时段。

启动当晚，不少市民携家人前来逛街购物，商圈人气十足。""",
    },
    {
        "title": "区救助站开展寒冬送温暖专项行动",
        "when": "2023-11-26 08:30",
        "departments": ["jiuzhuzhan"],
        "tags": ["民生保障", "社会救助"],
        "bylines": [("correspondent", "sun-kuolong")],
        "edition": ("2023-12-06", 2, "民生", 3),
        "body": """本报讯 入冬以来，区救助站组织工作人员和志愿者，每天夜间在火车站周边、桥下涵洞等区域开展巡查，为流浪乞讨人员送去棉衣、棉被和热食。

救助站还设立了24小时求助热线，与公安、城管等部门建立联动机制，发现需要救助的人员第一时间妥善安置。

工作人员表示，将坚持“主动发现、及时救助”，确保不让一名困难群众在寒冬中受冻挨饿。""",
    },
    {
        "title": "郑州市生态环境局二七分局开展大气污染防治专项检查",
        "when": "2023-11-16 14:00",
        "departments": ["shengtai"],
        "tags": ["生态环境", "污染防治"],
        "bylines": [("reporter", "jing-jing"), ("correspondent", "sun-kuolong")],
        "edition": ("2023-11-17", 3, "民生", 2),
        "body": """本报讯 为打好秋冬季大气污染防治攻坚战，郑州市生态环境局二七分局近日开展专项检查，重点检查工地扬尘治理、餐饮油烟净化和涉气企业治污设施运行情况。

检查中，执法人员对发现的问题现场下达整改通知，并建立台账、跟踪督办。

该分局负责人表示，将持续加大执法力度，推动全区空气质量稳步改善。""",
    },
    {
        "title": "二七经开区举办企业服务面对面活动",
        "when": "2023-11-15 10:00",
        "officials": ["wang-qian"],
        "departments": ["jingkaiqu"],
        "tags": ["营商环境", "企业服务"],
        "bylines": [("reporter", "zhu-xiangyu")],
        "edition": ("2023-11-16", 1, "要闻", 2),
        "body": """本报讯 11月15日，二七经开区管委会举办企业服务面对面活动，区委常委、副区长王潜与二十余家企业负责人座谈交流。

企业负责人围绕用工招聘、融资需求、物流配套等方面提出意见建议，相关部门负责人现场回应。

王潜表示，对企业提出的问题要建立清单、逐项销号，以实打实的服务帮助企业渡难关、谋发展。""",
    },
    {
        "title": "区委召开理论学习中心组学习会",
        "when": "2023-11-14 09:00",
        "officials": ["fan-huilin", "hu-rongxin", "lv-anmin"],
        "departments": ["quwei"],
        "tags": ["理论学习"],
        "bylines": [("reporter", "jing-jing")],
        "edition": ("2023-11-15", 1, "要闻", 1),
        "body": """本报讯 11月14日，二七区委召开理论学习中心组学习会。区委书记樊惠林主持会议并讲话，区委副书记、区长虎荣鑫，区人大常委会主任吕安民等参加。

会议集中学习了有关文件精神，与会同志结合分管工作作了交流发言。

樊惠林强调，要把学习成果转化为推动发展的具体举措，聚焦经济运行、项目建设和民生保障，奋力完成全年目标任务。""",
    },
    {
        "title": "二七区举办冬季森林防火应急演练",
        "when": "2023-11-29 15:30",
        "departments": ["anweihui"],
        "tags": ["森林防火", "应急管理"],
        "bylines": [
            ("correspondent", "sun-kuolong"),
            ("correspondent", "yang-dongjie"),
        ],
        "edition": ("2023-12-06", 1, "要闻", 3),
        "image": "forest",
        "caption": "应急队员在林区开展扑火演练（示意图）",
        "body": """本报讯 11月29日，二七区在南部林区举办冬季森林防火应急演练，多支专业和半专业扑火队伍参加。

演练模拟林区突发火情，检验了火情报告、力量调度、现场扑救和群众疏散等环节的协同能力。

相关负责人表示，将以演练为契机，进一步完善应急预案，加强队伍训练和物资储备，确保一旦发生火情能够打早、打小、打了。""",
    },
    {
        "title": "区消安委部署冬春火灾防控工作",
        "when": "2023-12-01 16:00",
        "officials": ["qu-lianwu"],
        "departments": ["xiaoanwei"],
        "tags": ["消防安全"],
        "bylines": [("reporter", "zhu-xiangyu")],
        "edition": ("2023-12-06", 1, "要闻", 2),
        "body": """本报讯 12月1日，区消安委召开会议，部署今冬明春火灾防控工作。区委常委、常务副区长屈连武出席会议并讲话。

会议要求，要聚焦商场市场、养老机构、高层建筑和“九小场所”等重点部位，深入开展隐患排查整治，畅通消防车通道。

屈连武强调，要压实各方责任，加强消防安全宣传，提升群众自防自救能力，坚决防范较大以上火灾事故发生。""",
    },
    {
        "title": "全区社区养老服务中心建设提速",
        "when": "2023-12-03 10:00",
        "departments": ["quzhengfu", "wulibao"],
        "tags": ["养老服务", "民生实事"],
        "bylines": [("reporter", "jing-jing")],
        "edition": ("2023-12-06", 2, "民生", 1),
        "body": """本报讯 记者近日从有关部门获悉，今年全区新建的社区养老服务中心已有多家投入运营，为周边老年人提供助餐、日间照料和康复护理等服务。

在五里堡街道一家社区养老服务中心，老人们正在活动室里读书、下棋。中心负责人介绍，这里每天中午提供两荤两素的午餐，行动不便的老人还可以预约送餐上门。

下一步，全区将继续完善“一刻钟养老服务圈”，让老年人在家门口享受便利服务。""",
    },
    {
        "title": "二七区举办岁末专场招聘会",
        "when": "2023-12-04 09:00",
        "departments": ["quzhengfu"],
        "tags": ["就业", "民生保障"],
        "bylines": [("correspondent", "yang-dongjie")],
        "edition": ("2023-12-06", 2, "民生", 2),
        "body": """本报讯 12月4日，二七区岁末专场招聘会举行，近百家企业提供了涵盖商贸、物流、制造、家政等行业的岗位。

招聘会现场还设置了政策咨询、职业指导和技能培训报名等服务台，为求职者提供“一站式”服务。

主办方介绍，今后将常态化举办各类招聘活动，帮助更多群众在家门口实现就业。""",
    },
    {
        "title": "区领导督导检查校园安全工作",
        "when": "2023-12-05 15:00",
        "officials": ["fan-huilin", "wang-chuansheng"],
        "departments": ["quwei"],
        "tags": ["校园安全", "安全生产"],
        "bylines": [("reporter", "jing-jing")],
        "edition": ("2023-12-06", 1, "要闻", 1),
        "body": """本报讯 12月5日下午，二七区委书记樊惠林督导检查校园安全工作。区领导王传胜参加。

樊惠林先后来到两所中小学，查看了校园门禁、食堂后厨、消防设施和学生上下学交通组织等情况。

樊惠林强调，校园安全关系千家万户，要坚持人防、物防、技防相结合，把各项安全措施落实到每一个环节，为师生营造安全稳定的学习环境。""",
    },
    {
        "title": "二七区启动“文明交通你我同行”宣传月活动",
        "when": "2023-11-13 09:00",
        "departments": ["quzhengfu"],
        "tags": ["文明创建"],
        "bylines": [("correspondent", "sun-kuolong")],
        "edition": ("2023-11-14", 2, "综合", 3),
        "body": """本报讯 11月13日，二七区“文明交通你我同行”宣传月活动启动。活动期间，志愿者将在主要路口开展文明劝导，引导市民礼让斑马线、不闯红灯。

活动还将走进学校、社区和企业，通过情景剧、知识问答等形式普及交通安全知识。

主办单位表示，希望通过持续宣传，让文明出行成为全区市民的自觉行动。""",
    },
    {
        "title": "区人大代表视察全区生态环境治理工作",
        "when": "2023-12-02 14:30",
        "officials": ["lv-anmin", "wang-qian"],
        "departments": ["renda", "shengtai", "mazhai"],
        "tags": ["人大工作", "生态环境"],
        "bylines": [("reporter", "zhu-xiangyu"), ("correspondent", "sun-kuolong")],
        "edition": ("2023-12-03", 1, "要闻", 1),
        "image": "river",
        "caption": "代表们在河道治理现场视察（示意图）",
        "body": """本报讯 12月2日，二七区人大常委会主任吕安民带领部分区人大代表视察全区生态环境治理工作。区委常委、副区长王潜陪同视察。

代表们先后来到马寨镇河道治理现场和污水处理设施，听取了郑州市生态环境局二七分局的情况介绍。

吕安民指出，生态环境治理成效明显，代表们的意见建议要认真梳理、抓好落实，持续改善全区生态环境质量。""",
    },
    # Recent: published days before the demo is loaded, so that the columns are
    # up to date when the self-inspection (迎检自查) looks at them.
    {
        "title": "区商务局召开重点企业服务工作推进会",
        "days_ago": 1,
        "officials": ["wang-qian"],
        "departments": ["shangwuju"],
        "tags": ["营商环境"],
        "bylines": [("reporter", "jing-jing")],
        "body": """本报讯 区委常委、副区长王潜主持召开重点企业服务工作推进会，区商务局负责同志汇报了近期服务企业情况。

会议要求，要把服务企业的各项措施落到实处，及时解决企业反映的问题。""",
    },
    {
        "title": "五里堡街道开展冬季安全生产检查",
        "days_ago": 2,
        "officials": ["qu-lianwu"],
        "departments": ["wulibao", "anweihui"],
        "tags": ["安全生产"],
        "bylines": [("reporter", "zhu-xiangyu"), ("correspondent", "yang-dongjie")],
        "body": """本报讯 区委常委、常务副区长屈连武带队到五里堡街道检查冬季安全生产工作。

检查组查看了辖区商户的消防设施，要求各单位压实责任，消除隐患。""",
    },
    # Not public: shows that drafts and scheduled pieces stay off the site.
    {
        "title": "区政协召开界别协商座谈会（草稿）",
        "status": "draft",
        "departments": ["quzhengfu"],
        "bylines": [("reporter", "jing-jing")],
        "body": """本报讯 这是一篇尚未提交的草稿，用于演示：草稿不会出现在公开网站上。""",
    },
    {
        "title": "二七区新年文化惠民活动安排发布",
        "days_from_now": 3,
        "departments": ["quzhengfu"],
        "tags": ["文化惠民"],
        "bylines": [("reporter", "zhu-xiangyu")],
        "body": """本报讯 这是一篇定时发布的稿件：发布时间设在加载演示数据三天之后，到时自动出现在网站上，之前不会公开。

新年期间，全区将举办文艺演出、非遗展示和书画展览等文化惠民活动。""",
    },
]

# The e-paper edition the demo builds from PDFs it lays out itself
# (articles/epaper/sample.py): the articles placed on its date, page by page.
EDITION = {"date": "2023-12-06", "number": 186, "total_number": 5208}
# The footer's identifiers (网站设置) for the demo: placeholders in the real formats,
# written only where a site admin has not saved settings yet.
SITE_SETTINGS = {
    "sponsor": "中共郑州市二七区委宣传部",
    "organizer": "二七区融媒体中心",
    "icp_number": "豫ICP备00000000号-1",
    "police_number": "豫公网安备41010302000000号",
    "site_code": "4101030000",
    "government_badge": True,
    "address": "郑州市二七区（演示地址）",
    "phone": "0371-00000000",
}
# Department pages the self-inspection treats as columns: slug, period in days.
DEPARTMENT_COLUMNS = [("shangwuju", 30), ("wulibao", 30)]
