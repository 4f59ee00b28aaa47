import { ActivityType, Category, CommitmentStatus } from '@hub/contracts';

/**
 * The Chinese words a 台账 uses for the API's enums (the web app's catalog says the same), and
 * their way back: an imported cell may hold the word or the enum's own value.
 */

/** 六联: the six co-building measures, in the order a ledger lists them. */
export const categoryLabels: Readonly<Record<Category, string>> = {
  [Category.THEORY_STUDY]: '理论联学',
  [Category.ORGANIZATION]: '组织联建',
  [Category.WORK_LINKAGE]: '工作联动',
  [Category.PERFORMANCE]: '业绩联创',
  [Category.SHARED_RESPONSIBILITY]: '责任联担',
  [Category.INTEGRITY]: '底线联守',
};

export const statusLabels: Readonly<Record<CommitmentStatus, string>> = {
  [CommitmentStatus.DRAFT]: '草稿',
  [CommitmentStatus.PUBLISHED]: '已发布',
  [CommitmentStatus.IN_PROGRESS]: '推进中',
  [CommitmentStatus.COMPLETED]: '已销项',
  [CommitmentStatus.WITHDRAWN]: '已撤回',
};

export const activityTypeLabels: Readonly<Record<ActivityType, string>> = {
  [ActivityType.THEME_PARTY_DAY]: '主题党日',
  [ActivityType.JOINT_MEETING]: '联席会议',
  [ActivityType.LECTURE]: '党课/讲座',
  [ActivityType.STUDY_SESSION]: '理论学习',
  [ActivityType.VOLUNTEER_SERVICE]: '志愿服务',
  [ActivityType.JOINT_INSPECTION]: '联合检查',
  [ActivityType.RED_EDUCATION_VISIT]: '红色教育',
  [ActivityType.CULTURAL_EVENT]: '文体活动',
};

export const categories = Object.keys(categoryLabels) as Category[];
export const statuses = Object.keys(statusLabels) as CommitmentStatus[];

/** The traffic light's words (红黄绿灯). */
export const lightLabels: Readonly<Record<string, string>> = { GREEN: '绿灯', YELLOW: '黄灯', RED: '红灯' };

/** Text as a ledger's reader compares it: full-width forms folded, spaces dropped, case ignored. */
export function comparable(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** The category a cell names, by its Chinese word or its enum value; null when it names none. */
export function categoryOf(text: string): Category | null {
  const wanted = comparable(text);
  return categories.find((category) => comparable(categoryLabels[category]) === wanted || comparable(category) === wanted) ?? null;
}
