/**
 * One registry record: an institution offering hospice care
 * (content/institutions/<beijing|zhejiang>/<id>.json). The format is
 * described field by field in docs/registry.md; keys are declared here in the
 * order the files use, so `JSON.stringify(institutionSchema.parse(x))` writes
 * them in canonical order.
 */
import { z } from 'zod';
import { isoDate, plainText, provenanceSchema, regionCode, uniqueList, webUrl } from './provenance.ts';
import { serviceSchema } from './service.ts';
import { DESIGNATION_TYPES, INSTITUTION_KINDS } from './vocabularies.ts';

export { DESIGNATION_TYPES, INSTITUTION_KINDS };
export type { DesignationType, InstitutionKind } from './vocabularies.ts';

export const GRADES = ['三级', '二级', '一级', '未定级', '未知'] as const;
export type Grade = (typeof GRADES)[number];

export const OWNERSHIPS = ['公立', '民营', '未知'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

/** exact = the institution's own position; county-centre = only the county's centre point. */
export const PRECISIONS = ['exact', 'county-centre'] as const;
export type Precision = (typeof PRECISIONS)[number];

export const TEAM_ROLES = ['医生', '护士', '康复治疗师', '社工', '心理咨询师', '营养师', '中医师', '药师', '志愿者'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const DESIGNATION_LEVELS = ['国家级', '省级', '市级', '区县级'] as const;
export type DesignationLevel = (typeof DESIGNATION_LEVELS)[number];

/** Stable slug: lowercase a-z0-9 and '-', starting with bj- / zj- / sample-. */
export const ID_PATTERN = /^(?:bj|zj|sample)-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Phone numbers as printed: digits with optional '-' or spaces, optional leading '+', optional 转 extension. */
export const PHONE_PATTERN = /^\+?\d[\d -]*\d(?:转\d+)?$/;

export const phoneSchema = z.strictObject({
  /** Optional label, e.g. 总机, 安宁疗护病区. */
  label: plainText().optional(),
  /** The number as published, e.g. 010-12345678 or 0571-87654321转8001. */
  number: z.string().regex(PHONE_PATTERN, { error: '电话号码只能含数字、“-”、空格，可带“转”分机，例如 0571-87654321转8001' }),
});

export const designationSchema = z.strictObject({
  /** 指导中心 | 培训基地 | 实践基地 | 示范基地 | 试点单位. */
  type: z.enum(DESIGNATION_TYPES),
  /** 国家级 | 省级 | 市级 | 区县级. */
  level: z.enum(DESIGNATION_LEVELS),
  /** Optional year of the designation. */
  year: z.int().min(1990).max(2100).optional(),
  /** Optional full title as published, e.g. 北京市安宁疗护指导中心. */
  note: plainText().optional(),
});

export const bedsSchema = z
  .strictObject({
    /** Number of hospice beds; null when the source does not say. */
    hospice: z.int().min(0).nullable(),
    /** Optional snapshot of free beds and when it was taken. */
    availability: z
      .strictObject({
        /** Free hospice beds at the time of the snapshot. */
        free: z.int().min(0),
        /** Date of the snapshot (YYYY-MM-DD). */
        asOf: isoDate(),
      })
      .optional(),
  })
  .superRefine((beds, ctx) => {
    if (beds.hospice !== null && beds.availability !== undefined && beds.availability.free > beds.hospice) {
      ctx.addIssue({
        code: 'custom',
        path: ['availability', 'free'],
        message: `空床数 ${beds.availability.free} 大于床位数 ${beds.hospice}`,
      });
    }
  });

export const volunteersSchema = z.strictObject({
  /** Whether the institution takes hospice volunteers. */
  accepts: z.boolean(),
  /** Optional: what volunteers do, training. */
  note: plainText().optional(),
  /** Optional: how to get in touch about volunteering. */
  contact: plainText().optional(),
});

export const contactSchema = z
  .strictObject({
    /** Optional phones, only when a public source gives them (never for samples). */
    phones: z.array(phoneSchema).min(1, { error: '为空时请省略 phones' }).optional(),
    /** Optional website. */
    website: webUrl().optional(),
    /** Optional appointment channel, e.g. 微信公众号预约. */
    appointment: plainText().optional(),
  })
  .superRefine((contact, ctx) => {
    if (contact.phones === undefined && contact.website === undefined && contact.appointment === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: '联系方式为空：没有电话、网站和预约方式时请省略 contact' });
    }
  });

export const locationSchema = z.strictObject({
  /** WGS-84 latitude in decimal degrees. */
  lat: z.number().min(-90).max(90, { error: '纬度不能大于 90（中国的经度都大于 90）；是否把纬度和经度写反了？' }),
  /** WGS-84 longitude in decimal degrees. */
  lng: z.number().min(-180).max(180),
  /** exact | county-centre. */
  precision: z.enum(PRECISIONS),
});

export const institutionSchema = z
  .strictObject({
    /** Stable slug, equal to the file name without .json. */
    id: z.string().regex(ID_PATTERN, { error: '编号只能用小写字母、数字和“-”，并以 bj-、zj- 或 sample- 开头' }),
    /** Official name. */
    name: plainText(),
    /** Optional other names people search for. */
    aliases: uniqueList(plainText()).min(1, { error: '为空时请省略 aliases' }).optional(),
    /** Institution kind (INSTITUTION_KINDS). */
    kind: z.enum(INSTITUTION_KINDS),
    /** Hospital grade, or 未知. */
    grade: z.enum(GRADES),
    /** 公立 | 民营 | 未知. */
    ownership: z.enum(OWNERSHIPS),
    /** County-level GB/T 2260 code from content/regions.json; province and city derive from it. */
    regionCode: regionCode(),
    /** Street address, or null when the source does not give it. */
    address: plainText().nullable(),
    /** WGS-84 position with its precision. */
    location: locationSchema,
    /**
     * One entry per care mode. Empty when a public source names the institution (a 指导中心,
     * say) but not how families reach its hospice care; pages then say 服务方式待核实.
     */
    services: z.array(serviceSchema),
    /** Optional hospice bed count and availability snapshot. */
    beds: bedsSchema.optional(),
    /** Optional team disciplines (TEAM_ROLES). */
    team: uniqueList(z.enum(TEAM_ROLES)).min(1, { error: '为空时请省略 team' }).optional(),
    /** Optional designations from the plans (指导中心, 培训基地 …). */
    designations: z.array(designationSchema).min(1, { error: '为空时请省略 designations' }).optional(),
    /** Optional ids of other registry records this one refers patients to or from. */
    referralPartners: uniqueList(z.string().regex(ID_PATTERN, { error: '应为另一条记录的编号' }))
      .min(1, { error: '为空时请省略 referralPartners' })
      .optional(),
    /** Optional volunteer programme. */
    volunteers: volunteersSchema.optional(),
    /** Optional contact: phones, website, appointment channel. */
    contact: contactSchema.optional(),
    /** Source, last verification date and sample flag. */
    provenance: provenanceSchema,
  })
  .superRefine((record, ctx) => {
    const seen = new Map<string, number>();
    record.services.forEach((service, index) => {
      const first = seen.get(service.mode);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['services', index, 'mode'],
          message: `服务方式“${service.mode}”重复（已在 services[${first}]）；每种服务方式只写一项`,
        });
      } else {
        seen.set(service.mode, index);
      }
    });
  });

export type Phone = z.infer<typeof phoneSchema>;
export type Designation = z.infer<typeof designationSchema>;
export type Beds = z.infer<typeof bedsSchema>;
export type Volunteers = z.infer<typeof volunteersSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type InstitutionLocation = z.infer<typeof locationSchema>;
export type Institution = z.infer<typeof institutionSchema>;

/** Canonical file text of a record: keys in spec order, 2-space indent, trailing newline. */
export function formatInstitutionJson(record: Institution): string {
  return `${JSON.stringify(institutionSchema.parse(record), null, 2)}\n`;
}
