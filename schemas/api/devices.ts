import * as z from 'zod';
import { isoDateTime } from './common';

export const registerDeviceBody = z
  .strictObject({
    platform: z.enum(['ios', 'android']),
    token: z
      .string()
      .trim()
      .min(16)
      .max(4096)
      .regex(/^[A-Za-z0-9:_\-.]+$/, 'must be an APNs or FCM device token')
      .meta({ description: 'The APNs device token (hex) or FCM registration token.' }),
  })
  .meta({ id: 'RegisterDevice' });
export type RegisterDeviceBody = z.infer<typeof registerDeviceBody>;

export const deviceIdParams = z.strictObject({
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be a device id'),
});

export const deviceSchema = z
  .object({ deviceId: z.string(), platform: z.enum(['ios', 'android']), registeredAt: isoDateTime })
  .meta({ id: 'Device' });
