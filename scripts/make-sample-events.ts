/**
 * Write the shipped sample events (content/events/<date>-<words>.json with "sample": true),
 * spread over Beijing and Zhejiang, past and upcoming, including
 * 世界安宁缓和医疗日 (computed: the second Saturday of October) and 清明 life-education weeks
 * (computed from the solar term). Every one is organised by a sample institution or a named
 * 示例 school, has no address and no phone number, and says 示例 in its title.
 *
 *   node scripts/make-sample-events.ts [--dir content/events]
 *
 * Only files whose content says "sample": true are written or removed; real events are untouched.
 * It also shows how a program writes an event: build the record, formatEventFile, write.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SAMPLE_EVENT_SOURCE, formatEventFile, type EventRecord } from '../src/schemas/event.ts';
import { addDays, qingming, worldHospiceDay } from '../src/lib/events/dates.ts';
import { loadEvents } from '../src/lib/events/load.ts';

const args = process.argv.slice(2);
const dirIndex = args.indexOf('--dir');
const dir = resolve(dirIndex >= 0 ? (args[dirIndex + 1] ?? 'content/events') : 'content/events');

/** The date the sample set was written; kept fixed so re-running changes nothing. */
const WRITTEN = '2026-12-03';

type Draft = Omit<EventRecord, 'id' | 'sample' | 'provenance' | 'sequence' | 'updatedAt' | 'status'> & {
  readonly slug: string;
  readonly status?: EventRecord['status'];
};

const at = (date: string, from: string, to: string) => ({ start: `${date}T${from}`, end: `${date}T${to}` });
const inst = (id: string) => ({ institution: id });
const offline = (county: string) => ({ county, online: false });

const whd2026 = worldHospiceDay(2026);
const whd2027 = worldHospiceDay(2027);
const qm2026 = qingming(2026);
const qm2027 = qingming(2027);

const drafts: Draft[] = [
  {
    slug: 'haidian-hospice-day-open-day',
    title: '世界安宁缓和医疗日病区开放日（示例）',
    summary: '走进安宁疗护病区，看看病房、谈话室和告别室，听医生、护士和社工讲他们每天在做什么。',
    description:
      '每年十月的第二个星期六是世界安宁缓和医疗日。这一天病区向公众开放，分小组由医护人员和志愿者陪同参观。\n\n参观中不打扰住院的病人，不拍照。参观后有半小时的交流，可以问问题，也可以只是听。',
    kind: '开放日',
    reach: '进机构',
    audience: ['公众', '照护者'],
    observance: '世界安宁缓和医疗日',
    ...at(whd2026, '09:00', '11:30'),
    place: offline('110108'),
    organiser: inst('sample-110108'),
    cost: '免费',
    takePart: { open: '无需报名，直接到场；每组不超过十人，人多时请稍等' },
    accessibility: '病区有电梯和无障碍卫生间，可借轮椅',
  },
  {
    slug: 'dongcheng-hospice-day-talk',
    title: '世界安宁缓和医疗日社区讲座：安宁疗护是什么（示例）',
    summary: '用一个小时讲清楚安宁疗护能做什么、在哪里能得到、怎样申请，留出时间回答大家的问题。',
    description:
      '讲座面向社区居民和家里有重病老人的家庭。讲者会介绍本区能提供安宁疗护的地方、居家服务怎样申请，以及和家人谈心愿的一些方法。\n\n讲座不做个人病情咨询；需要的话，会后可以留下问题，由社区卫生服务中心另约时间。',
    kind: '讲座',
    reach: '进社区',
    audience: ['公众', '老年人', '照护者'],
    observance: '世界安宁缓和医疗日',
    ...at(whd2027, '14:00', '15:30'),
    place: offline('110101'),
    organiser: inst('sample-110101'),
    cost: '免费',
    takePart: { open: '无需报名，直接到场' },
    accessibility: '活动室在一楼，有手语翻译（请提前三天告诉主办方）',
  },
  {
    slug: 'chaoyang-qingming-school',
    title: '清明生命教育周：中学生命教育课（示例）',
    summary: '清明前后，在中学课堂里谈谈生命的开始与结束、怎样怀念离开的人。',
    description:
      '一节四十五分钟的班会课，由学校老师和安宁疗护中心的社工一起上。课前给家长发一封信，说明课的内容；正在经历丧亲的同学可以选择不参加或只旁听。',
    kind: '生命教育课',
    reach: '进机构',
    audience: ['学生'],
    observance: '清明生命教育周',
    ...at(addDays(qm2027, -3), '14:00', '14:45'),
    place: offline('110105'),
    organiser: { name: '朝阳区示例中学（示例）', type: '学校' },
    cost: '免费（校内课程）',
    takePart: { contact: '校内课程，由班主任安排' },
  },
  {
    slug: 'xicheng-qingming-death-cafe',
    title: '清明生死咖啡馆：聊聊我们怎样告别（示例）',
    summary: '几张桌子、一壶茶，和邻居们轻松地聊聊生死。不讲课，也不要求得出结论。',
    description:
      '生死咖啡馆是一种开放的聊天会：大家围坐在一起，谈谈对生与死的想法和经历。没有主讲人，主持人只负责让每个人都有机会说话。说出的故事留在这里，不外传。',
    kind: '生死咖啡馆',
    reach: '进社区',
    audience: ['公众', '老年人'],
    observance: '清明生命教育周',
    ...at(addDays(qm2026, -2), '15:00', '16:30'),
    place: offline('110102'),
    organiser: inst('sample-110102'),
    cost: '免费，备有茶水',
    takePart: { open: '无需报名；座位约二十个' },
  },
  {
    slug: 'xicheng-access-talk',
    title: '讲座：怎样获得安宁疗护服务（示例）',
    summary: '对应本站课程“怎样获得安宁疗护服务”的一次线下课堂，可以在本站报名。',
    description: '这次课堂讲解从哪里开始问、要准备哪些材料、住院和居家各怎样申请。课后留出时间答疑。',
    kind: '讲座',
    reach: '进社区',
    audience: ['公众', '照护者'],
    ...at('2026-12-17', '09:30', '11:00'),
    place: offline('110102'),
    organiser: inst('sample-110102'),
    cost: '免费',
    takePart: { enrol: { course: 'hospice-how-to-access', session: '2026-12-xicheng-1' } },
  },
  {
    slug: 'haidian-home-care-class',
    title: '家庭照护者课堂：在家照顾病重的亲人（示例）',
    summary: '给在家照顾病重亲人的家属：翻身、口腔护理、怎样观察不舒服，以及怎样照顾好自己。',
    description: '课堂由护士带领，边讲边练。可以带上家里正在用的护理用品来问。课堂不替代医生的诊疗意见。',
    kind: '生命教育课',
    reach: '进家庭',
    audience: ['照护者'],
    ...at('2027-01-09', '14:00', '15:30'),
    place: offline('110108'),
    organiser: inst('sample-110108'),
    cost: '免费',
    takePart: { enrol: { course: 'home-care-for-family', session: '2027-01-haidian-1' } },
    accessibility: '可以带着需要陪伴的家人一起来，场地有休息区',
  },
  {
    slug: 'changping-volunteer-training',
    title: '安宁疗护志愿者入门培训（示例）',
    summary: '准备在安宁疗护病区做志愿者的人，先来上这一次半天的入门培训。',
    description: '培训内容：志愿者能做和不能做的事、倾听与陪伴、保密、照顾好自己。培训后可以报名到病区见习。',
    kind: '志愿者培训',
    reach: '进机构',
    audience: ['公众'],
    ...at('2027-03-13', '09:00', '12:00'),
    place: offline('110114'),
    organiser: inst('sample-110114'),
    cost: '免费',
    takePart: { contact: '在本站“做志愿者”页面登记，选择昌平区示例机构，主办方会回复' },
  },
  {
    slug: 'fengtai-online-reading-group',
    title: '线上读书会：陪伴到最后（示例）',
    summary: '照顾家人的人一起读一本关于陪伴和告别的书，每人可以只听不说。',
    description: '每次读一章，读后分享感受。适合正在照顾病重家人、或刚刚经历离别的人。',
    kind: '读书会',
    reach: '进家庭',
    audience: ['照护者', '公众'],
    ...at('2026-11-14', '19:30', '20:30'),
    place: { county: '110106', online: true, onlineHow: '线上会议，报名后由主办方发送参加方式' },
    organiser: inst('sample-110106'),
    cost: '免费',
    takePart: { contact: '向主办机构的社工登记' },
  },
  {
    slug: 'xihu-hospice-day-community',
    title: '世界安宁缓和医疗日社区咨询（示例）',
    summary: '在社区里摆几张桌子，回答居民关于安宁疗护、居家照护和生前预嘱的问题。',
    description: '医生、护士和社工在现场解答问题，发放本区安宁疗护服务的介绍。不做个人诊疗。',
    kind: '纪念日活动',
    reach: '进社区',
    audience: ['公众', '老年人'],
    observance: '世界安宁缓和医疗日',
    ...at(whd2026, '09:00', '11:00'),
    place: offline('330106'),
    organiser: inst('sample-330106'),
    cost: '免费',
    takePart: { open: '无需报名，直接到场' },
  },
  {
    slug: 'hangzhou-hospice-day-open-day',
    title: '世界安宁缓和医疗日医院开放日（示例）',
    summary: '医院安宁疗护病区开放参观，医护人员介绍住院和居家安宁疗护怎样衔接。',
    description: '分组参观，每组由一位护士带领。参观不进入病人房间。结束后有交流时间。',
    kind: '开放日',
    reach: '进机构',
    audience: ['公众', '医护'],
    observance: '世界安宁缓和医疗日',
    ...at(whd2027, '09:30', '11:30'),
    place: offline('330102'),
    organiser: inst('sample-330100-city'),
    cost: '免费',
    takePart: { open: '无需报名，直接到场' },
    accessibility: '有电梯，可借轮椅',
  },
  {
    slug: 'xihu-elder-life-wisdom',
    title: '老年朋友生命课堂（示例）',
    summary: '对应本站课程“老年人的生命智慧”的一次课堂，可以在本站报名。',
    description: '和同龄人一起回顾走过的路，聊聊想被怎样照顾、想对家人说的话。',
    kind: '生命教育课',
    reach: '进社区',
    audience: ['老年人'],
    ...at('2026-12-10', '14:00', '15:30'),
    place: offline('330106'),
    organiser: inst('sample-330106'),
    cost: '免费',
    takePart: { enrol: { course: 'elder-life-wisdom', session: '2026-12-xihu-1' } },
  },
  {
    slug: 'shangcheng-elder-life-wisdom',
    title: '老年大学生命教育课（示例）',
    summary: '对应本站课程“老年人的生命智慧”的又一次课堂，可以在本站报名。',
    description: '在社区活动室上课，课上有茶水，中间休息一次。',
    kind: '生命教育课',
    reach: '进社区',
    audience: ['老年人'],
    ...at('2027-01-07', '09:30', '11:00'),
    place: offline('330102'),
    organiser: inst('sample-330102'),
    cost: '免费',
    takePart: { enrol: { course: 'elder-life-wisdom', session: '2027-01-shangcheng-1' } },
    accessibility: '活动室在一楼',
  },
  {
    slug: 'haishu-qingming-school',
    title: '清明生命教育周：小学生命教育课（示例）',
    summary: '清明时节，用绘本和小练习和孩子们谈谈生命与思念。',
    description: '一节四十分钟的课，由班主任和社工一起上。课前给家长一封信；正在经历丧亲的孩子，老师会提前和家长沟通。',
    kind: '生命教育课',
    reach: '进机构',
    audience: ['学生'],
    observance: '清明生命教育周',
    ...at(addDays(qm2027, 2), '10:00', '10:40'),
    place: offline('330203'),
    organiser: { name: '海曙区示例小学（示例）', type: '学校' },
    cost: '免费（校内课程）',
    takePart: { contact: '校内课程，由学校安排' },
  },
  {
    slug: 'lucheng-death-cafe',
    title: '生死咖啡馆：说说想被怎样照顾（示例）',
    summary: '一个下午，和陌生人一起聊聊生命最后阶段的心愿。',
    description: '没有主讲人，也没有要得出的结论。主持人会确保每个人都有机会说话，也可以只听。',
    kind: '生死咖啡馆',
    reach: '进社区',
    audience: ['公众'],
    ...at('2027-02-27', '14:30', '16:00'),
    place: offline('330302'),
    organiser: inst('sample-330302'),
    cost: '免费，备有茶点',
    takePart: { open: '无需报名；座位约十五个' },
  },
  {
    slug: 'nanhu-volunteer-training',
    title: '安宁疗护志愿者培训（示例）',
    summary: '给新志愿者的一天培训：角色和边界、陪伴的方法、团队分享。',
    description: '上午讲课，下午分组练习。结束后由带教老师安排病区见习。',
    kind: '志愿者培训',
    reach: '进机构',
    audience: ['公众'],
    ...at('2026-09-19', '09:00', '16:00'),
    place: offline('330402'),
    organiser: inst('sample-330402'),
    cost: '免费，提供午餐',
    takePart: { contact: '在本站“做志愿者”页面登记，选择南湖区示例机构' },
  },
  {
    slug: 'yuecheng-qingming-home-visits',
    title: '清明生命教育周：上门陪伴与家庭谈心（示例）',
    summary: '社工和志愿者上门，陪居家照护的家庭聊聊心愿和告别。',
    description: '在清明前后，由社区卫生服务中心的社工约好时间上门，每次约一小时。家属可以只谈自己的辛苦，不必谈病情。',
    kind: '生命教育课',
    reach: '进家庭',
    audience: ['照护者'],
    observance: '清明生命教育周',
    ...at(addDays(qm2026, 1), '09:00', '17:00'),
    place: offline('330602'),
    organiser: inst('sample-330602'),
    cost: '免费',
    takePart: { contact: '由居家服务的责任护士询问家属意愿后安排' },
  },
  {
    slug: 'haishu-family-talk',
    title: '讲座：和家人谈谈最后的心愿（示例）',
    summary: '怎样开口、在什么时候谈、谈什么。本次讲座因场地维修取消。',
    description: '原定的讲座因场地维修取消，改期时间待定。已经知道这次活动的朋友，请不要前往。',
    kind: '讲座',
    reach: '进社区',
    audience: ['公众', '照护者'],
    status: '已取消',
    ...at('2027-02-20', '14:00', '15:30'),
    place: offline('330203'),
    organiser: inst('sample-330203'),
    cost: '免费',
    takePart: { open: '活动已取消' },
  },
];

function record(draft: Draft): EventRecord {
  const { slug, status, ...rest } = draft;
  return {
    id: `${draft.start.slice(0, 10)}-${slug}`,
    ...rest,
    status: status ?? '如期举行',
    sequence: 0,
    updatedAt: WRITTEN,
    sample: true,
    provenance: { kind: 'sample', source: SAMPLE_EVENT_SOURCE, verifiedAt: WRITTEN },
  };
}

mkdirSync(dir, { recursive: true });
const wanted = new Map(drafts.map((d) => [`${record(d).id}.json`, formatEventFile(record(d))]));
for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
  const text = readFileSync(join(dir, name), 'utf8');
  if (!wanted.has(name) && (JSON.parse(text) as { sample?: unknown }).sample === true) rmSync(join(dir, name));
}
for (const [name, text] of wanted) writeFileSync(join(dir, name), text);
const loaded = loadEvents({ dir, samples: true, cache: false });
console.log(`写入 ${wanted.size} 个示例活动到 ${dir}；检查通过（共 ${loaded.length} 个活动）`);
