import { describe, expect, it } from 'vitest';
import { DESIGNATION_TYPES, INSTITUTION_KINDS } from '../../src/schemas/institution.ts';
import { CARE_MODES, HOME_CARE_TYPES, OFFERS, PAYMENTS } from '../../src/schemas/service.ts';
import {
  DESIGNATION_LIST,
  HOME_CARE_TYPE_LIST,
  KIND_LIST,
  MODES,
  MODE_KEYS,
  MODE_SYNONYMS,
  OFFER_LIST,
  PAYMENT_LIST,
} from '../../src/lib/finder/vocab.ts';

describe('finder vocabularies', () => {
  it('equal the schema enums in the same order (the order is the bit order of the index)', () => {
    expect(MODES).toEqual(CARE_MODES);
    expect(OFFER_LIST).toEqual(OFFERS);
    expect(PAYMENT_LIST).toEqual(PAYMENTS);
    expect(KIND_LIST).toEqual(INSTITUTION_KINDS);
    expect(DESIGNATION_LIST).toEqual(DESIGNATION_TYPES);
    expect(HOME_CARE_TYPE_LIST).toEqual(HOME_CARE_TYPES);
  });

  it('fit the bit widths of the index', () => {
    expect(MODES.length).toBeLessThanOrEqual(8);
    expect(KIND_LIST.length).toBeLessThanOrEqual(8);
    expect(OFFER_LIST.length).toBeLessThanOrEqual(10);
    expect(PAYMENT_LIST.length).toBeLessThanOrEqual(5);
    expect(DESIGNATION_LIST.length).toBeLessThanOrEqual(5);
  });

  it('have a label key for every mode and map every synonym to a real mode', () => {
    expect(Object.keys(MODE_KEYS)).toEqual([...MODES]);
    for (const mode of Object.values(MODE_SYNONYMS)) expect(MODES).toContain(mode);
    expect(MODE_SYNONYMS['家庭病床']).toBe('居家');
    expect(MODE_SYNONYMS['线上咨询']).toBe('互联网');
  });
});
