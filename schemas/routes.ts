import type * as z from 'zod';
import { agentProfileSchema, updateProfileBody } from './api/agents';
import { analyticsQuery, analyticsSchema } from './api/analytics';
import { leadIdParams, problemSchema } from './api/common';
import {
  dashboardQuery,
  dashboardSchema,
  dashboardSectionParams,
  dashboardSectionQuery,
  dashboardSectionSchema,
} from './api/dashboard';
import { deviceIdParams, deviceSchema, registerDeviceBody } from './api/devices';
import { followUpDraftSchema, suggestDraftBody } from './api/drafts';
import { enrolLeadBody, followUpSchema } from './api/follow-ups';
import { createLeadBody, leadPageSchema, leadSchema, listLeadsQuery, updateLeadBody } from './api/leads';
import {
  createListingBody,
  leadListingParams,
  listingIdParams,
  listingPageSchema,
  listingSchema,
  listingSendSchema,
  listListingsQuery,
  sendListingBody,
  updateListingBody,
} from './api/listings';
import { sendWhatsAppBody } from './api/messaging';
import {
  listOutcomesQuery,
  outcomeIdParams,
  scoringOutcomePageSchema,
  scoringOutcomeRecordSchema,
} from './api/outcomes';
import { parkedLeadListSchema, parkedLeadRetrySchema } from './api/parked-leads';
import { scoreHistoryPageSchema, scoreHistoryQuery } from './api/scores';
import {
  createSequenceBody,
  replaceSequenceBody,
  sequenceIdParams,
  sequenceListSchema,
  sequenceSchema,
} from './api/sequences';
import { syncPageSchema, syncQuery } from './api/sync';
import {
  completeTaskBody,
  createTaskBody,
  listTasksQuery,
  taskIdParams,
  taskPageSchema,
  taskSchema,
} from './api/tasks';
import { addNoteBody, interactionSchema, timelinePageSchema, timelineQuery } from './api/timeline';
import { unsubscribeParams } from './api/unsubscribe';
import { insightsSchema, leadScoreSchema, recordOutcomeBody } from './scoring';

/** What a route's function may touch; the CDK function construct turns each into env + IAM grant. */
export interface RouteAccess {
  table?: 'read' | 'readWrite';
  bedrock?: boolean;
  whatsappSecrets?: boolean;
  /** Starts follow-up workflow executions (the state machine's ARN and `states:StartExecution`). */
  followUpExecutions?: boolean;
  /** Cancels a follow-up's pending wake and wakes its execution at once (stopping it). */
  followUpWakes?: boolean;
  /**
   * Sends email to leads: the sender, reply address, configuration set and API base URL (for unsubscribe
   * links), with `ses:SendEmail` on the brokerage's identity and configuration set. Without email in the
   * brokerage's config it binds nothing and the function has no email sender.
   */
  sendsEmail?: boolean;
  /** Reads and deletes the raw inbound emails SES receiving stores (the bucket's name and object access). */
  inboundEmail?: boolean;
  /**
   * Sends mobile push to agents' devices: the brokerage's SNS platform applications (endpoints and
   * Publish). Without push in the brokerage's config it binds nothing and push lands in the outbox.
   */
  push?: boolean;
}

export interface RouteDefinition {
  /** Stable id: names the Lambda function and the OpenAPI operationId. */
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** API Gateway path syntax: `/leads/{leadId}`. */
  path: string;
  /** `jwt`: the Cognito authorizer guards it; `public`: open (webhooks verify their own signature). */
  auth: 'jwt' | 'public';
  /** Handler module, relative to the repository root; it exports `handler`. */
  handler: string;
  summary: string;
  tags: string[];
  access: RouteAccess;
  request?: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };
  /** Success responses by status code; `null` means no body. */
  responses: Record<number, z.ZodType | null>;
  /** Extra error statuses worth documenting besides 400/401/404/500. */
  errors?: number[];
  /** Largest body accepted, in bytes once any base64 is decoded; larger is a 413. @default apiMaxBodyBytes */
  maxBodyBytes?: number;
}

/** What the app ever needs to send; anything larger is refused with 413. */
export const apiMaxBodyBytes = 64 * 1024;
/** Meta batches many changes in one delivery; 3 MiB stays under Lambda's 6 MB payload even base64-encoded. */
export const webhookMaxBodyBytes = 3 * 1024 * 1024;

const api = (file: string) => `lambdas/handlers/api/${file}.ts`;
const webhook = (file: string) => `lambdas/handlers/webhooks/${file}.ts`;

/** Keeps each route's literal schema types, so a handler's request is typed from its route. */
const defineRoute = <const R extends RouteDefinition>(route: R): R => route;

/** The one route table: the stack, the local gateway and the OpenAPI document all read it. */
export const routeTable = {
  createLead: defineRoute({
    id: 'createLead',
    method: 'POST',
    path: '/leads',
    auth: 'jwt',
    handler: api('create-lead'),
    summary: 'Create a lead (deduplicated by phone and email for the agent)',
    tags: ['leads'],
    // Scores the new lead with the model.
    access: { table: 'readWrite', bedrock: true },
    request: { body: createLeadBody },
    responses: { 201: leadSchema },
    errors: [409, 413],
  }),
  listLeads: defineRoute({
    id: 'listLeads',
    method: 'GET',
    path: '/leads',
    auth: 'jwt',
    handler: api('list-leads'),
    summary: 'List leads, newest or highest score first, filtered by status and temperature',
    tags: ['leads'],
    access: { table: 'read' },
    request: { query: listLeadsQuery },
    responses: { 200: leadPageSchema },
  }),
  getDashboard: defineRoute({
    id: 'getDashboard',
    method: 'GET',
    path: '/leads/dashboard',
    auth: 'jwt',
    handler: api('get-dashboard'),
    summary:
      "The agent's day: open hot, warm and cold leads by score, and calls, reminders and follow-up steps overdue or due today (their time zone), with counts",
    tags: ['leads'],
    access: { table: 'read' },
    request: { query: dashboardQuery },
    responses: { 200: dashboardSchema },
  }),
  getDashboardSection: defineRoute({
    id: 'getDashboardSection',
    method: 'GET',
    path: '/leads/dashboard/{section}',
    auth: 'jwt',
    handler: api('get-dashboard-section'),
    summary: "The next page of one dashboard bucket, from the bucket's nextCursor",
    tags: ['leads'],
    access: { table: 'read' },
    request: { params: dashboardSectionParams, query: dashboardSectionQuery },
    responses: { 200: dashboardSectionSchema },
  }),
  getLead: defineRoute({
    id: 'getLead',
    method: 'GET',
    path: '/leads/{leadId}',
    auth: 'jwt',
    handler: api('get-lead'),
    summary: 'Get one lead',
    tags: ['leads'],
    access: { table: 'read' },
    request: { params: leadIdParams },
    responses: { 200: leadSchema },
  }),
  updateLead: defineRoute({
    id: 'updateLead',
    method: 'PATCH',
    path: '/leads/{leadId}',
    auth: 'jwt',
    handler: api('update-lead'),
    summary: 'Update status, temperature, tags or contact details (optimistic: If-Match or version)',
    tags: ['leads'],
    // Rescores the lead with the model after the change.
    access: { table: 'readWrite', bedrock: true },
    request: { params: leadIdParams, body: updateLeadBody },
    responses: { 200: leadSchema },
    errors: [409, 428],
  }),
  eraseLead: defineRoute({
    id: 'eraseLead',
    method: 'DELETE',
    path: '/leads/{leadId}',
    auth: 'jwt',
    handler: api('erase-lead'),
    summary: 'Erase a lead with its whole timeline and follow-ups',
    tags: ['leads'],
    access: { table: 'readWrite', followUpWakes: true },
    request: { params: leadIdParams },
    responses: { 204: null },
  }),
  addNote: defineRoute({
    id: 'addNote',
    method: 'POST',
    path: '/leads/{leadId}/notes',
    auth: 'jwt',
    handler: api('add-note'),
    summary: 'Add a note to the lead timeline',
    tags: ['timeline'],
    access: { table: 'readWrite' },
    request: { params: leadIdParams, body: addNoteBody },
    responses: { 201: interactionSchema },
  }),
  getTimeline: defineRoute({
    id: 'getTimeline',
    method: 'GET',
    path: '/leads/{leadId}/timeline',
    auth: 'jwt',
    handler: api('get-timeline'),
    summary: 'All touchpoints of a lead, newest first',
    tags: ['timeline'],
    access: { table: 'read' },
    request: { params: leadIdParams, query: timelineQuery },
    responses: { 200: timelinePageSchema },
  }),
  getProfile: defineRoute({
    id: 'getProfile',
    method: 'GET',
    path: '/agents/me',
    auth: 'jwt',
    handler: api('get-profile'),
    summary: "The signed-in agent's profile (time zone, quiet hours, working hours)",
    tags: ['agents'],
    access: { table: 'readWrite' },
    responses: { 200: agentProfileSchema },
  }),
  updateProfile: defineRoute({
    id: 'updateProfile',
    method: 'PATCH',
    path: '/agents/me',
    auth: 'jwt',
    handler: api('update-profile'),
    summary: "Update the signed-in agent's profile",
    tags: ['agents'],
    access: { table: 'readWrite' },
    request: { body: updateProfileBody },
    responses: { 200: agentProfileSchema },
    errors: [409],
  }),
  scoreLead: defineRoute({
    id: 'scoreLead',
    method: 'POST',
    path: '/leads/{leadId}/score',
    auth: 'jwt',
    handler: api('score-lead'),
    summary: 'Rescore a lead now: 1-100 with confidence, per-factor reasons and next actions',
    tags: ['intelligence'],
    access: { table: 'readWrite', bedrock: true },
    request: { params: leadIdParams },
    responses: { 200: leadScoreSchema },
  }),
  getScoreHistory: defineRoute({
    id: 'getScoreHistory',
    method: 'GET',
    path: '/leads/{leadId}/scores',
    auth: 'jwt',
    handler: api('get-score-history'),
    summary: 'Every score the lead had, newest first, with what triggered it',
    tags: ['intelligence'],
    access: { table: 'read' },
    request: { params: leadIdParams, query: scoreHistoryQuery },
    responses: { 200: scoreHistoryPageSchema },
  }),
  getInsights: defineRoute({
    id: 'getInsights',
    method: 'GET',
    path: '/leads/{leadId}/insights',
    auth: 'jwt',
    handler: api('get-insights'),
    summary: 'Budget, urgency, preferences, a summary of every touchpoint and the next best action',
    tags: ['intelligence'],
    access: { table: 'readWrite', bedrock: true },
    request: { params: leadIdParams },
    responses: { 200: insightsSchema },
  }),
  recordOutcome: defineRoute({
    id: 'recordOutcome',
    method: 'POST',
    path: '/leads/{leadId}/outcome',
    auth: 'jwt',
    handler: api('record-outcome'),
    summary: 'Record that a lead converted or was lost; the scoring learns from it',
    tags: ['intelligence'],
    access: { table: 'readWrite', bedrock: true },
    request: { params: leadIdParams, body: recordOutcomeBody },
    responses: { 200: leadSchema },
    errors: [409],
  }),
  sendWhatsApp: defineRoute({
    id: 'sendWhatsApp',
    method: 'POST',
    path: '/leads/{leadId}/whatsapp',
    auth: 'jwt',
    handler: api('send-whatsapp'),
    summary: 'Send the lead a WhatsApp message: free text inside the 24-hour window, a template outside it',
    tags: ['messaging'],
    access: { table: 'readWrite', whatsappSecrets: true },
    request: { params: leadIdParams, body: sendWhatsAppBody },
    responses: { 201: interactionSchema },
    errors: [422, 503],
  }),
  listSequences: defineRoute({
    id: 'listSequences',
    method: 'GET',
    path: '/sequences',
    auth: 'jwt',
    handler: api('list-sequences'),
    summary: "Follow-up sequences: the built-ins for hot, warm and cold leads, then the agent's own",
    tags: ['follow-ups'],
    access: { table: 'read' },
    responses: { 200: sequenceListSchema },
  }),
  createSequence: defineRoute({
    id: 'createSequence',
    method: 'POST',
    path: '/sequences',
    auth: 'jwt',
    handler: api('create-sequence'),
    summary: 'Create a follow-up sequence of your own',
    tags: ['follow-ups'],
    access: { table: 'readWrite' },
    request: { body: createSequenceBody },
    responses: { 201: sequenceSchema },
  }),
  getSequence: defineRoute({
    id: 'getSequence',
    method: 'GET',
    path: '/sequences/{sequenceId}',
    auth: 'jwt',
    handler: api('get-sequence'),
    summary: 'Get a built-in sequence or one of your own',
    tags: ['follow-ups'],
    access: { table: 'read' },
    request: { params: sequenceIdParams },
    responses: { 200: sequenceSchema },
  }),
  replaceSequence: defineRoute({
    id: 'replaceSequence',
    method: 'PUT',
    path: '/sequences/{sequenceId}',
    auth: 'jwt',
    handler: api('replace-sequence'),
    summary: 'Replace one of your sequences with a new version (running follow-ups keep theirs)',
    tags: ['follow-ups'],
    access: { table: 'readWrite' },
    request: { params: sequenceIdParams, body: replaceSequenceBody },
    responses: { 200: sequenceSchema },
    errors: [403, 409],
  }),
  enrolLead: defineRoute({
    id: 'enrolLead',
    method: 'POST',
    path: '/leads/{leadId}/follow-up',
    auth: 'jwt',
    handler: api('enrol-lead'),
    summary:
      'Enrol a lead in a follow-up sequence (default: the built-in one for its temperature); 200 with the running or paused one if it is already enrolled; a lead whose run of it ended goes through it again',
    tags: ['follow-ups'],
    access: { table: 'readWrite', followUpExecutions: true },
    request: { params: leadIdParams, body: enrolLeadBody },
    responses: { 201: followUpSchema, 200: followUpSchema },
    errors: [409],
  }),
  getFollowUp: defineRoute({
    id: 'getFollowUp',
    method: 'GET',
    path: '/leads/{leadId}/follow-up',
    auth: 'jwt',
    handler: api('get-follow-up'),
    summary: "Where the lead's follow-up stands: the step it waits on, when it goes out, each step's result",
    tags: ['follow-ups'],
    access: { table: 'read' },
    request: { params: leadIdParams },
    responses: { 200: followUpSchema },
  }),
  stopFollowUp: defineRoute({
    id: 'stopFollowUp',
    method: 'POST',
    path: '/leads/{leadId}/follow-up/stop',
    auth: 'jwt',
    handler: api('stop-follow-up'),
    summary: "Stop the lead's follow-up now: nothing more is sent, its pending wake is cancelled",
    tags: ['follow-ups'],
    access: { table: 'readWrite', followUpWakes: true },
    request: { params: leadIdParams },
    responses: { 200: followUpSchema },
  }),
  pauseFollowUp: defineRoute({
    id: 'pauseFollowUp',
    method: 'POST',
    path: '/leads/{leadId}/follow-up/pause',
    auth: 'jwt',
    handler: api('pause-follow-up'),
    summary: "Pause the lead's follow-up: nothing goes out until it is resumed; 409 when nothing is running",
    tags: ['follow-ups'],
    access: { table: 'readWrite', followUpWakes: true },
    request: { params: leadIdParams },
    responses: { 200: followUpSchema },
    errors: [409],
  }),
  resumeFollowUp: defineRoute({
    id: 'resumeFollowUp',
    method: 'POST',
    path: '/leads/{leadId}/follow-up/resume',
    auth: 'jwt',
    handler: api('resume-follow-up'),
    summary:
      "Resume the lead's paused follow-up: the remaining steps are planned again from now, same spacing, outside quiet hours; 409 when nothing is paused",
    tags: ['follow-ups'],
    access: { table: 'readWrite', followUpWakes: true },
    request: { params: leadIdParams },
    responses: { 200: followUpSchema },
    errors: [409],
  }),
  deleteSequence: defineRoute({
    id: 'deleteSequence',
    method: 'DELETE',
    path: '/sequences/{sequenceId}',
    auth: 'jwt',
    handler: api('delete-sequence'),
    summary: 'Delete one of your sequences (running follow-ups finish on the steps they copied)',
    tags: ['follow-ups'],
    access: { table: 'readWrite' },
    request: { params: sequenceIdParams },
    responses: { 204: null },
    errors: [403, 409],
  }),
  listTasks: defineRoute({
    id: 'listTasks',
    method: 'GET',
    path: '/tasks',
    auth: 'jwt',
    handler: api('list-tasks'),
    summary: "Open calls and reminders due today (the agent's day, in their time zone), overdue or upcoming",
    tags: ['tasks'],
    access: { table: 'read' },
    request: { query: listTasksQuery },
    responses: { 200: taskPageSchema },
  }),
  createTask: defineRoute({
    id: 'createTask',
    method: 'POST',
    path: '/leads/{leadId}/tasks',
    auth: 'jwt',
    handler: api('create-task'),
    summary: 'Schedule a call or a reminder about a lead ("remind me to call her Thursday")',
    tags: ['tasks'],
    access: { table: 'readWrite' },
    request: { params: leadIdParams, body: createTaskBody },
    responses: { 201: taskSchema },
  }),
  completeTask: defineRoute({
    id: 'completeTask',
    method: 'POST',
    path: '/tasks/{taskId}/complete',
    auth: 'jwt',
    handler: api('complete-task'),
    summary: 'Mark a task done, a call with its result; done once (a repeat answers with the first result)',
    tags: ['tasks'],
    access: { table: 'readWrite' },
    request: { params: taskIdParams, body: completeTaskBody },
    responses: { 200: taskSchema },
  }),
  listListings: defineRoute({
    id: 'listListings',
    method: 'GET',
    path: '/listings',
    auth: 'jwt',
    handler: api('list-listings'),
    summary: "The brokerage's listings, newest first, optionally of one status",
    tags: ['listings'],
    access: { table: 'read' },
    request: { query: listListingsQuery },
    responses: { 200: listingPageSchema },
  }),
  createListing: defineRoute({
    id: 'createListing',
    method: 'POST',
    path: '/listings',
    auth: 'jwt',
    handler: api('create-listing'),
    summary: 'Add a listing to the brokerage: title, price, beds, area, address, photos, brochure, status',
    tags: ['listings'],
    access: { table: 'readWrite' },
    request: { body: createListingBody },
    responses: { 201: listingSchema },
  }),
  getListing: defineRoute({
    id: 'getListing',
    method: 'GET',
    path: '/listings/{listingId}',
    auth: 'jwt',
    handler: api('get-listing'),
    summary: 'Get one of the brokerage’s listings',
    tags: ['listings'],
    access: { table: 'read' },
    request: { params: listingIdParams },
    responses: { 200: listingSchema },
  }),
  updateListing: defineRoute({
    id: 'updateListing',
    method: 'PATCH',
    path: '/listings/{listingId}',
    auth: 'jwt',
    handler: api('update-listing'),
    summary: 'Change a listing (price, status, photos…); null clears a field; a stale version is a 409',
    tags: ['listings'],
    access: { table: 'readWrite' },
    request: { params: listingIdParams, body: updateListingBody },
    responses: { 200: listingSchema },
    errors: [409],
  }),
  sendListing: defineRoute({
    id: 'sendListing',
    method: 'POST',
    path: '/leads/{leadId}/listings/{listingId}/send',
    auth: 'jwt',
    handler: api('send-listing'),
    summary:
      'Send a listing to the lead: WhatsApp photo with caption inside the 24-hour window, the approved template outside it, else email',
    tags: ['listings'],
    access: { table: 'readWrite', whatsappSecrets: true, sendsEmail: true },
    request: { params: leadListingParams, body: sendListingBody },
    responses: { 201: listingSendSchema },
    errors: [422, 503],
  }),
  suggestDraft: defineRoute({
    id: 'suggestDraft',
    method: 'POST',
    path: '/leads/{leadId}/drafts',
    auth: 'jwt',
    handler: api('suggest-draft'),
    summary:
      "Suggest the next follow-up message from the lead's own recent messages (nothing is sent), with the checks it passes",
    tags: ['follow-ups'],
    access: { table: 'read', bedrock: true },
    request: { params: leadIdParams, body: suggestDraftBody },
    responses: { 200: followUpDraftSchema },
  }),
  verifyWhatsAppWebhook: defineRoute({
    id: 'verifyWhatsAppWebhook',
    method: 'GET',
    path: '/webhooks/whatsapp',
    auth: 'public',
    handler: webhook('verify-whatsapp'),
    summary: "Meta's subscription handshake: echoes hub.challenge when hub.verify_token matches",
    tags: ['webhooks'],
    access: { whatsappSecrets: true },
    responses: { 200: null },
    errors: [403],
  }),
  verifyFacebookWebhook: defineRoute({
    id: 'verifyFacebookWebhook',
    method: 'GET',
    path: '/webhooks/facebook',
    auth: 'public',
    handler: webhook('verify-facebook'),
    summary:
      "Meta's subscription handshake for the Facebook Page (feed, leadgen): echoes hub.challenge when hub.verify_token matches",
    tags: ['webhooks'],
    access: { whatsappSecrets: true },
    responses: { 200: null },
    errors: [403],
  }),
  receiveWhatsApp: defineRoute({
    id: 'receiveWhatsApp',
    method: 'POST',
    path: '/webhooks/whatsapp',
    auth: 'public',
    handler: webhook('receive-whatsapp'),
    summary: 'WhatsApp Cloud API events (messages, statuses, preferences), signed X-Hub-Signature-256',
    tags: ['webhooks'],
    access: { table: 'readWrite', whatsappSecrets: true, followUpExecutions: true },
    responses: { 200: null },
    errors: [401, 413],
    maxBodyBytes: webhookMaxBodyBytes,
  }),
  receiveFacebook: defineRoute({
    id: 'receiveFacebook',
    method: 'POST',
    path: '/webhooks/facebook',
    auth: 'public',
    handler: webhook('receive-facebook'),
    summary: 'Facebook Page feed comments and Lead Ads, signed X-Hub-Signature-256',
    tags: ['webhooks'],
    access: { table: 'readWrite', whatsappSecrets: true, followUpExecutions: true },
    responses: { 200: null },
    errors: [401, 413],
    maxBodyBytes: webhookMaxBodyBytes,
  }),
  listParkedLeads: defineRoute({
    id: 'listParkedLeads',
    method: 'GET',
    path: '/admin/parked-leads',
    auth: 'jwt',
    handler: api('list-parked-leads'),
    summary:
      'Lead Ads forms Meta would not let us read (e.g. an expired page token), by ids; brokerage admins only',
    tags: ['admin'],
    access: { table: 'read' },
    responses: { 200: parkedLeadListSchema },
  }),
  retryParkedLeads: defineRoute({
    id: 'retryParkedLeads',
    method: 'POST',
    path: '/admin/parked-leads/retry',
    auth: 'jwt',
    handler: api('retry-parked-leads'),
    summary: 'Read the parked Lead Ads forms again now and make their leads; brokerage admins only',
    tags: ['admin'],
    access: { table: 'readWrite', whatsappSecrets: true, followUpExecutions: true },
    responses: { 200: parkedLeadRetrySchema },
  }),
  listOutcomes: defineRoute({
    id: 'listOutcomes',
    method: 'GET',
    path: '/admin/outcomes',
    auth: 'jwt',
    handler: api('list-outcomes'),
    summary:
      'Conversions and losses the scoring learned from, who recorded them and how much each counted; brokerage admins only',
    tags: ['admin'],
    access: { table: 'read' },
    request: { query: listOutcomesQuery },
    responses: { 200: scoringOutcomePageSchema },
  }),
  voidOutcome: defineRoute({
    id: 'voidOutcome',
    method: 'POST',
    path: '/admin/outcomes/{outcomeId}/void',
    auth: 'jwt',
    handler: api('void-outcome'),
    summary:
      "Take an outcome's evidence back out of the learned models (the lead keeps its status); brokerage admins only",
    tags: ['admin'],
    access: { table: 'readWrite' },
    request: { params: outcomeIdParams },
    responses: { 200: scoringOutcomeRecordSchema },
  }),
  showUnsubscribe: defineRoute({
    id: 'showUnsubscribe',
    method: 'GET',
    path: '/unsubscribe/{token}',
    auth: 'public',
    handler: api('show-unsubscribe'),
    summary:
      "An email's unsubscribe link: an HTML page with a confirm button (a GET never unsubscribes: mail scanners open links)",
    tags: ['email'],
    access: { table: 'read' },
    request: { params: unsubscribeParams },
    responses: { 200: null },
  }),
  unsubscribe: defineRoute({
    id: 'unsubscribe',
    method: 'POST',
    path: '/unsubscribe/{token}',
    auth: 'public',
    handler: api('unsubscribe'),
    summary:
      'One-click unsubscribe (RFC 8058, form body List-Unsubscribe=One-Click): no more email to this address; an HTML page',
    tags: ['email'],
    access: { table: 'readWrite' },
    request: { params: unsubscribeParams },
    responses: { 200: null },
    maxBodyBytes: 4 * 1024,
  }),
  getAnalytics: defineRoute({
    id: 'getAnalytics',
    method: 'GET',
    path: '/leads/analytics',
    auth: 'jwt',
    handler: api('get-analytics'),
    summary:
      "Funnel, conversion by source and temperature, reply rates by channel and lead type, time to first response, follow-ups, WhatsApp delivery and score calibration over a range of days; an agent's own, an admin's brokerage (or one agent's)",
    tags: ['analytics'],
    access: { table: 'read' },
    request: { query: analyticsQuery },
    responses: { 200: analyticsSchema },
  }),
  sync: defineRoute({
    id: 'sync',
    method: 'GET',
    path: '/sync',
    auth: 'jwt',
    handler: api('sync'),
    summary:
      "What changed of the agent's (leads, tasks, timeline entries) and of the brokerage's listings since a cursor, each change once, deletions as tombstones; 410 when the cursor is older than the changes kept",
    tags: ['sync'],
    access: { table: 'read' },
    request: { query: syncQuery },
    responses: { 200: syncPageSchema },
    errors: [410],
  }),
  registerDevice: defineRoute({
    id: 'registerDevice',
    method: 'POST',
    path: '/agents/me/devices',
    auth: 'jwt',
    handler: api('register-device'),
    summary:
      "Register this phone for push (a hot lead's reply, a task falling due); the same token again refreshes it",
    tags: ['agents'],
    access: { table: 'readWrite', push: true },
    request: { body: registerDeviceBody },
    responses: { 201: deviceSchema },
  }),
  unregisterDevice: defineRoute({
    id: 'unregisterDevice',
    method: 'DELETE',
    path: '/agents/me/devices/{deviceId}',
    auth: 'jwt',
    handler: api('unregister-device'),
    summary: 'Stop push to this phone (signing out); 204 whether or not it was registered',
    tags: ['agents'],
    access: { table: 'readWrite', push: true },
    request: { params: deviceIdParams },
    responses: { 204: null },
  }),
  getOpenApi: defineRoute({
    id: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    auth: 'public',
    handler: api('get-openapi'),
    summary: 'This API, as an OpenAPI 3.1 document',
    tags: ['meta'],
    access: {},
    responses: { 200: null },
  }),
} satisfies Record<string, RouteDefinition>;

export const routes: RouteDefinition[] = Object.values(routeTable);

export { problemSchema };
