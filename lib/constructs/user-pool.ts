import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { BrokerageConfig } from '../config';

export interface AgentUserPoolProps {
  readonly config: BrokerageConfig;
}

/**
 * The brokerage's agents: email sign-in, accounts created by an admin only, TOTP MFA, Plus-tier
 * threat protection. Each agent carries `custom:brokerageId` (set once) and `custom:role`; the
 * mobile app's client can read both but write neither, so an agent cannot promote themself.
 */
export class AgentUserPool extends Construct {
  readonly userPool: UserPool;
  readonly appClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: AgentUserPoolProps) {
    super(scope, id);
    const { config } = props;

    this.userPool = new UserPool(this, 'Pool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
        phoneNumber: { required: false, mutable: true },
      },
      customAttributes: {
        brokerageId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
        role: new StringAttribute({ minLen: 1, maxLen: 32, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: config.mfa === 'required' ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: `Your ${config.displayName} lead CRM account`,
        emailBody: `Hello, your ${config.displayName} agent account is ready. Sign in to the app with {username} and the temporary password {####}.`,
      },
      deletionProtection: true,
      // Agents' accounts outlive a stack update gone wrong, like the table does.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.appClient = this.userPool.addClient('MobileAppClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true, phoneNumber: true })
        .withCustomAttributes('brokerageId', 'role'),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, phoneNumber: true }),
    });

    if (config.mfa === 'optional') {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason: `MFA is optional for brokerage "${config.id}" by its config (lib/config.ts): TOTP stays available to every agent, it is not forced at sign-in.`,
      });
    }
  }
}
