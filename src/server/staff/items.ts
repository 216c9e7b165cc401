/**
 * Stored submissions as staff read them: rows turned into items (with county, institution
 * and course names, labels for codes and the review flag) and into CSV for Excel.
 */
import { t } from '../../i18n/index.ts';
import { chinaTime } from '../../lib/china-time.ts';
import { toCsv, type CsvColumn } from '../../lib/csv.ts';
import { AGE_GROUP_LABELS, AVAILABILITY_LABELS, ROLE_LABELS } from '../../lib/forms/labels.ts';
import { formReference, institutionLabel } from '../../lib/forms/reference-data.ts';
import { findSession } from '../course-sessions.ts';
import type { Kind } from '../submissions/kinds.ts';

const list = (json: unknown): string[] => {
  try {
    const parsed: unknown = JSON.parse(String(json));
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
};

/** A column's value as text; both engines hand these tables only text, numbers and NULL. */
const str = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? String(v) : null);

/** What staff read for a submission flagged for review (REVIEW_REASONS, src/server/submissions/consent.ts), or null. */
export function reviewLabel(reason: unknown): string | null {
  if (reason === 'fast') return '提交得很快（可能是浏览器自动填写，也可能是自动程序）：请先核实再联系';
  return typeof reason === 'string' && reason !== '' ? reason : null;
}

/** Database rows as items: one object per submission, codes with their labels. */
export async function toItems(kind: Kind, rows: readonly Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const reference = formReference();
  const institutionName = (id: unknown) => {
    const info = typeof id === 'string' ? reference.institutionById.get(id) : undefined;
    return info === undefined ? null : institutionLabel(info);
  };
  const common = (r: Record<string, unknown>) => ({
    ref: str(r['ref']),
    createdAt: str(r['created_at']),
    updatedAt: str(r['updated_at']),
    status: str(r['status']),
    review: str(r['review']),
    reviewLabel: reviewLabel(r['review']),
  });
  const consent = (r: Record<string, unknown>) => ({ consentVersion: str(r['consent_version']), consentAt: str(r['consent_at']) });
  if (kind === 'volunteers') {
    return rows.map((r) => {
      const availability = list(r['availability']);
      const roles = list(r['roles']);
      const age = str(r['age_group']);
      return {
        ...common(r),
        name: str(r['name']),
        phone: str(r['phone']),
        email: str(r['email']),
        county: str(r['county']),
        countyName: reference.regions.fullName(String(r['county'])) ?? null,
        ageGroup: age,
        ageGroupLabel: age !== null && age in AGE_GROUP_LABELS ? t(AGE_GROUP_LABELS[age as keyof typeof AGE_GROUP_LABELS]) : age,
        guardianName: str(r['guardian_name']),
        guardianPhone: str(r['guardian_phone']),
        guardianConsent: Number(r['guardian_consent']) === 1,
        availability,
        availabilityLabels: availability.map((a) =>
          a in AVAILABILITY_LABELS ? t(AVAILABILITY_LABELS[a as keyof typeof AVAILABILITY_LABELS]) : a,
        ),
        roles,
        roleLabels: roles.map((a) => (a in ROLE_LABELS ? (t(ROLE_LABELS[a as keyof typeof ROLE_LABELS]).split('：')[0] ?? a) : a)),
        institution: str(r['institution']),
        institutionName: institutionName(r['institution']),
        experience: str(r['experience']),
        ...consent(r),
      };
    });
  }
  if (kind === 'enrollments') {
    return Promise.all(
      rows.map(async (r) => {
        const known = await findSession(String(r['course']), String(r['session']));
        return {
          ...common(r),
          promotedAt: str(r['promoted_at']),
          course: str(r['course']),
          courseTitle: known?.courseTitle ?? null,
          session: str(r['session']),
          sessionDate: str(r['session_date']),
          sessionTime: known?.session.time ?? null,
          name: str(r['name']),
          phone: str(r['phone']),
          people: Number(r['people']),
          ...consent(r),
        };
      }),
    );
  }
  return rows.map((r) => ({
    ...common(r),
    institution: str(r['institution']),
    institutionName: institutionName(r['institution']),
    page: str(r['page']),
    problem: str(r['problem']),
    contact: str(r['contact']),
    ...consent(r),
  }));
}

type Item = Record<string, unknown>;
const col = (header: string, value: (r: Item) => unknown): CsvColumn<Item> => ({
  header,
  value: (r) => {
    const v = value(r);
    if (Array.isArray(v)) return v.join('、');
    if (typeof v === 'boolean') return v ? '是' : '否';
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  },
});

const CSV_COLUMNS: Readonly<Record<Kind, readonly CsvColumn<Item>[]>> = {
  volunteers: [
    col('编号', (r) => r['ref']),
    col('登记时间', (r) => chinaTime(r['createdAt'])),
    col('状态', (r) => r['status']),
    col('姓名', (r) => r['name']),
    col('手机号码', (r) => r['phone']),
    col('电子邮箱', (r) => r['email']),
    col('区县', (r) => r['countyName'] ?? r['county']),
    col('区划代码', (r) => r['county']),
    col('年龄', (r) => r['ageGroupLabel']),
    col('监护人', (r) => r['guardianName']),
    col('监护人手机', (r) => r['guardianPhone']),
    col('监护人同意', (r) => (r['ageGroup'] === '14-17' ? r['guardianConsent'] : '')),
    col('方便时间', (r) => r['availabilityLabels']),
    col('愿意参与', (r) => r['roleLabels']),
    col('希望服务的机构', (r) => r['institutionName'] ?? r['institution']),
    col('经历与留言', (r) => r['experience']),
    col('同意的隐私说明版本', (r) => r['consentVersion']),
    col('同意时间', (r) => chinaTime(r['consentAt'])),
    col('最近更新', (r) => chinaTime(r['updatedAt'])),
    col('需核实', (r) => r['reviewLabel']),
  ],
  enrollments: [
    col('编号', (r) => r['ref']),
    col('报名时间', (r) => chinaTime(r['createdAt'])),
    col('状态', (r) => r['status']),
    col('课程', (r) => r['courseTitle'] ?? r['course']),
    col('课程编号', (r) => r['course']),
    col('场次', (r) => r['session']),
    col('日期', (r) => r['sessionDate']),
    col('时间', (r) => r['sessionTime']),
    col('姓名', (r) => r['name']),
    col('手机号码', (r) => r['phone']),
    col('人数', (r) => r['people']),
    col('候补转确认时间', (r) => chinaTime(r['promotedAt'])),
    col('同意的隐私说明版本', (r) => r['consentVersion']),
    col('同意时间', (r) => chinaTime(r['consentAt'])),
    col('需核实', (r) => r['reviewLabel']),
  ],
  reports: [
    col('编号', (r) => r['ref']),
    col('报告时间', (r) => chinaTime(r['createdAt'])),
    col('状态', (r) => r['status']),
    col('机构', (r) => r['institutionName'] ?? r['institution']),
    col('机构编号', (r) => r['institution']),
    col('页面', (r) => r['page']),
    col('问题', (r) => r['problem']),
    col('联系方式', (r) => r['contact']),
    col('同意的隐私说明版本', (r) => r['consentVersion']),
    col('同意时间', (r) => chinaTime(r['consentAt'])),
    col('需核实', (r) => r['reviewLabel']),
  ],
};

export function itemsCsv(kind: Kind, items: readonly Item[]): string {
  return toCsv(CSV_COLUMNS[kind], items);
}
