import { describe, expect, it } from 'vitest';
import { detectOptOut, normalizeForMatching } from '../../../../lambdas/domain/consent/detect-opt-out';

/**
 * Every word and phrase the detector knows, one case each, so dropping any one of them from its list is
 * noticed: a lead who types exactly that word must still be opted out (or in).
 */
describe('detectOptOut word lists', () => {
  it.each([
    'stop',
    'stopall',
    'stop all',
    'stop it',
    'unsubscribe',
    'unsub',
    'opt out',
    'optout',
    'remove me',
    'stop messages',
    'stop messaging',
    'stop texting',
    'stop sending',
    'stop promotions',
    'no more messages',
    'ستوب',
    'توقف',
    'توقفوا',
    'وقف',
    'ايقاف',
    'أوقف',
    'اوقفوا',
    'إلغاء الاشتراك',
  ])('reads the bare command %j as an opt-out', (command) => {
    expect(detectOptOut(command)).toBe('opt_out');
  });

  it.each([
    'please',
    'pls',
    'plz',
    'now',
    'thanks',
    'thank you',
    'thx',
    'ok',
    'okay',
    'just',
    'all',
    'من فضلك',
    'فضلكم',
    'لو سمحت',
    'لو سمحتم',
    'رجاء',
    'رجاءا',
    'أرجو',
    'شكرا',
    'الآن',
  ])('keeps "unsub" a command with the politeness %j around it', (filler) => {
    expect(detectOptOut(`unsub ${filler}`)).toBe('opt_out');
    expect(detectOptOut(`${filler} وقف`)).toBe('opt_out');
  });

  it.each([
    'start',
    'start again',
    'subscribe',
    'resubscribe',
    'unstop',
    'resume',
    'opt in',
    'optin',
    'resume promotions',
    'اشتراك',
    'اشترك',
    'استئناف',
    'تفعيل',
  ])('reads the bare command %j as an opt-in', (command) => {
    expect(detectOptOut(command)).toBe('opt_in');
  });

  it.each([
    'stop messaging me',
    'stop messaging us',
    'stop texting me',
    'stop contacting me',
    'stop sending me messages',
    'stop sending me these',
    'stop sending messages',
    'stop spamming',
    'dont message me',
    'do not message me',
    'dont text me',
    'do not text me',
    'dont contact me',
    'do not contact me',
    'dont send me messages',
    'do not send me messages',
    'dont send me any more',
    'no more messages',
    'unsubscribe',
    'opt me out',
    'opt out',
    'remove me from your',
    'remove me from this list',
    'remove me from the list',
    'take me off your',
    'take me off this list',
    'take me off the list',
    'delete my number',
    'remove my number',
    'leave me alone',
  ])('reads the phrase %j inside a longer message as an opt-out', (phrase) => {
    expect(detectOptOut(`Hello there, ${phrase} going forward`)).toBe('opt_out');
  });

  it.each([
    'لا ترسل',
    'لا ترسلوا',
    'لا ترسلي',
    'لا تراسلني',
    'لا تراسلوني',
    'لا اريد رسائل',
    'لا أريد استقبال',
    'لا تتواصل معي',
    'لا تتواصلوا معي',
    'توقف عن مراسلتي',
    'توقفوا عن مراسلتي',
    'توقف عن ارسال',
    'توقفوا عن ارسال',
    'إلغاء الاشتراك',
    'احذف رقمي',
    'احذفوا رقمي',
    'امسح رقمي',
    'ازالة رقمي',
    'أزل رقمي',
  ])('reads the Arabic phrase %j inside a longer message as an opt-out', (phrase) => {
    expect(detectOptOut(`مرحبا ${phrase} بعد اليوم`)).toBe('opt_out');
  });

  it.each([
    'opt me in',
    'resubscribe',
    'subscribe me',
    'start messaging me again',
    'you can message me again',
    'message me again',
  ])('reads the phrase %j inside a longer message as an opt-in', (phrase) => {
    expect(detectOptOut(`Hello there, ${phrase} going forward`)).toBe('opt_in');
  });

  it.each([
    ["Don't unsubscribe me", 'dont'],
    ['I will not unsubscribe', 'not'],
    ['I would never unsubscribe', 'never'],
    ["I didn't unsubscribe", 'didnt'],
    ['Why unsubscribe me?', 'why'],
    ["I won't unsubscribe", 'wont'],
    ['لم أطلب إلغاء الاشتراك', 'لم'],
    ['لن أطلب إلغاء الاشتراك', 'لن'],
    ['ليش إلغاء الاشتراك', 'ليش'],
    ['لماذا إلغاء الاشتراك', 'لماذا'],
  ])('does not read %j as an opt-out (turned around by %j)', (text) => {
    expect(detectOptOut(text)).toBe('none');
  });

  it('lets a negator turn around only the three words after it', () => {
    expect(detectOptOut('Not a fan of these, unsubscribe me')).toBe('opt_out');
    expect(detectOptOut('I do not want to unsubscribe')).toBe('none');
  });

  it('reads a phrase that opens the message even when a negator comes later', () => {
    expect(detectOptOut('Stop messaging me, I will not buy')).toBe('opt_out');
  });

  it('looks for a phrase in every sentence, not only the first', () => {
    expect(detectOptOut('Thanks for the tour. Please remove my number')).toBe('opt_out');
    expect(detectOptOut('شكرا على الجولة؟ احذف رقمي')).toBe('opt_out');
  });

  it('reads an opt-in phrase in any sentence unless it is turned around', () => {
    expect(detectOptOut('I moved. You can message me again')).toBe('opt_in');
    expect(detectOptOut("Don't message me again")).toBe('opt_out');
    expect(detectOptOut('Why subscribe me?')).toBe('none');
  });

  it.each(['ابدأ', 'إبدأ', 'آبدأ', 'أبدأ', 'ابدء', 'ابْدَأْ', 'ابـدأ', ' ابدأ! '])(
    'reads the Arabic "start" %j as an opt-in',
    (text) => {
      expect(detectOptOut(text)).toBe('opt_in');
    },
  );

  it.each(['لن أبدأ', 'أبدأ العمل غدا', 'بدأ', 'ابدأأ', 'اأبدأ'])('does not read %j as an opt-in', (text) => {
    expect(detectOptOut(text)).toBe('none');
  });
});

describe('normalizeForMatching folds each Arabic variant', () => {
  it.each([
    ['ٱلبيت', 'البيت'],
    ['ٲلبيت', 'البيت'],
    ['ٳلبيت', 'البيت'],
    ['على', 'علي'],
    ['علی', 'علي'],
    ['مدينة', 'مدينه'],
    ['کتاب', 'كتاب'],
    ['كـتـاب', 'كتاب'],
  ])('reads %j as %j', (variant, plain) => {
    expect(normalizeForMatching(variant)).toBe(normalizeForMatching(plain));
    expect(normalizeForMatching(variant)).toBe(plain);
  });

  it('drops apostrophes of every kind and keeps letters and digits together', () => {
    expect(normalizeForMatching("don't don’t don‘t don`t")).toBe('dont dont dont dont');
    expect(normalizeForMatching('3-bed, 2 bath!')).toBe('3 bed 2 bath');
  });
});
