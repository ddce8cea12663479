import { describe, expect, it } from 'vitest';
import { detectOptOut, normalizeForMatching } from '../../../../lambdas/domain/consent/detect-opt-out';

describe('detectOptOut', () => {
  it.each([
    'STOP',
    'stop',
    'Stop.',
    'STOP!!!',
    'Stop ✋',
    'stop please',
    'Please stop',
    'Stop, thanks',
    'STOPALL',
    'Stop all',
    'UNSUBSCRIBE',
    'Unsubscribe me please',
    'opt out',
    'Opt-out',
    'Remove me',
    'Stop promotions',
    'no more messages',
    'Please stop messaging me',
    'Stop texting me, I bought already',
    "Don't message me again",
    'don’t message me',
    'Do not contact me',
    'Please remove me from your list',
    'Take me off your mailing list',
    'Leave me alone',
    'How do I unsubscribe?',
    'Why? Just stop messaging me',
    'I found a place, stop sending me messages',
  ])('reads %j as an opt-out', (text) => {
    expect(detectOptOut(text)).toBe('opt_out');
  });

  it.each([
    'توقف',
    'توقّف',
    'تَوَقَّفْ',
    'ـتـوقـف',
    'إيقاف',
    'ايقاف',
    'الغاء الاشتراك',
    'إلغاء الاشتراك',
    'إلغاء الإشتراك',
    'لو سمحت توقف',
    'توقف من فضلك',
    'لا ترسل لي رسائل',
    'لا تراسلني مرة أخرى',
    'أرجو إلغاء الاشتراك',
    'توقفوا عن مراسلتي',
    'احذف رقمي',
    'ستوب',
  ])('reads the Arabic %j as an opt-out', (text) => {
    expect(detectOptOut(text)).toBe('opt_out');
  });

  it.each([
    "I can't stop thinking about the house",
    "Don't stop",
    'Please don’t stop sending me listings',
    "Don't unsubscribe me, I still want updates",
    "I'm not going to unsubscribe",
    'Why did you stop messaging me?',
    'Can we stop by the flat tomorrow?',
    'Is the bus stop close to the building?',
    'Please stop sending me 1-bed flats, I need 3 bedrooms',
    "Don't send me the brochure, I have it",
    'Hi, is the flat on 5th still available?',
    'Cancel',
    'ok',
    '',
    '   ',
    '👍',
    'لا توقف',
    'هل الشقة متاحة؟',
  ])('does not read %j as an opt-out', (text) => {
    expect(detectOptOut(text)).not.toBe('opt_out');
  });

  it.each([
    'START',
    'start',
    'Start again',
    'SUBSCRIBE',
    'Resubscribe',
    'unstop',
    'Resume promotions',
    'Opt in',
  ])('reads %j as an opt-in', (text) => {
    expect(detectOptOut(text)).toBe('opt_in');
  });

  it.each(['ابدأ', 'إبدأ', 'اشتراك', 'اشترك'])('reads the Arabic %j as an opt-in', (text) => {
    expect(detectOptOut(text)).toBe('opt_in');
  });

  it.each(["Let's start the paperwork", 'When can I start viewing?', 'أبداً', 'ابدا'])(
    'does not read %j as an opt-in ("أبداً" means "never")',
    (text) => {
      expect(detectOptOut(text)).toBe('none');
    },
  );

  it('lets an opt-out win when a message says both', () => {
    expect(detectOptOut('Stop messaging me. Start again next year maybe')).toBe('opt_out');
  });
});

describe('normalizeForMatching', () => {
  it('folds case, accents, Arabic diacritics, hamza forms and punctuation', () => {
    expect(normalizeForMatching('  ÉTÉ — Don’t STOP!! ')).toBe('ete dont stop');
    expect(normalizeForMatching('إِلْغَاء الإشتراك؟')).toBe(normalizeForMatching('الغاء الاشتراك'));
    expect(normalizeForMatching('مدينة')).toBe(normalizeForMatching('مدينه'));
  });
});
