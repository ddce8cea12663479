import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

/**
 * The brokerage's Meta credentials (WhatsApp Cloud API and Facebook Page) as one JSON secret:
 * `{ appSecret, verifyToken, accessToken, phoneNumberId, pageId, pageAccessToken }`.
 * `verifyToken` is ours to choose, so it is generated; the others are issued by Meta and start empty
 * until the operator pastes them in (an empty or absent value means "not configured"). `accessToken` is the
 * WhatsApp system user's; `pageAccessToken` is the Facebook Page's, with `leads_retrieval`, and reads Lead
 * Ads forms. `pageId` and `pageAccessToken` are not in the generated template: changing a deployed secret's template makes CloudFormation generate the whole
 * value again, wiping what the operator pasted, so the operator adds the key by hand
 * (test/infra/live-data-safety.test.ts fails any such change).
 */
export class WhatsAppSecret extends Secret {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      description: 'WhatsApp Cloud API: Meta app secret, webhook verify token, access token, phone number id',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ appSecret: '', accessToken: '', phoneNumberId: '' }),
        generateStringKey: 'verifyToken',
        passwordLength: 40,
        excludePunctuation: true,
      },
      // Kept if the stack or the resource goes: the operator's pasted credentials are not ours to delete.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Meta issues the app secret and access token; they are rotated by hand in the Meta developer console, not by a rotation Lambda.',
    });
  }
}
