import { describe, expect, it } from 'vitest';
import { newWamid } from '../../../../lambdas/adapters/whatsapp/wamid';

describe('newWamid', () => {
  it("makes an id in Meta's shape that carries the counterpart's number", () => {
    const wamid = newWamid('+1 212 555 0142');
    expect(wamid).toMatch(/^wamid\.HBgLMTIxMjU1NTAxNDIVAgARGB[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(wamid.slice(6), 'base64').toString('latin1')).toContain('12125550142');
  });

  it('makes a different id every time', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newWamid('12125550142')));
    expect(ids.size).toBe(1000);
  });

  it('is deterministic with injected randomness', () => {
    const zeros = (n: number) => Buffer.alloc(n);
    expect(newWamid('12125550142', zeros)).toBe(newWamid('12125550142', zeros));
  });
});
