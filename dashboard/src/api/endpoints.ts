import { isApiError } from './api-error';
import { apiClient } from './client';
import type { QueryOf } from './routes';
import type {
  ApiKeyCreate,
  ApiUserCreate,
  ApiUserPatch,
  BotCreate,
  BotPatch,
  ChatCreate,
  ChatPatch,
  EmotionProfile,
  HoldingWrite,
  LoginRequest,
  LogQuery,
  MemoryWrite,
  PersonaProfile,
  StanceWrite,
  WizardSetup,
} from './types';

/** The API's page size limit: lists the dashboard shows whole are read in one page. */
const WHOLE_LIST = { limit: 1000 } as const;

/**
 * Every REST call of the dashboard, by area. Routes, bodies and answers are typed from the
 * OpenAPI document (schema.d.ts); stores and views call these, never fetch.
 */
export const api = {
  auth: {
    login: (body: LoginRequest) =>
      apiClient.call('POST /auth/login', { body, allowUnauthorized: true }),
    logout: () => apiClient.call('POST /auth/logout', { allowUnauthorized: true }),
    me: () => apiClient.call('GET /auth/me', { allowUnauthorized: true }),
    mfaEnrol: () => apiClient.call('POST /auth/mfa/enroll'),
    mfaConfirm: (code: string) => apiClient.call('POST /auth/mfa/confirm', { body: { code } }),
    mfaDisable: (code: string) => apiClient.call('POST /auth/mfa/disable', { body: { code } }),
    listApiKeys: () => apiClient.call('GET /auth/api-keys'),
    createApiKey: (body: ApiKeyCreate) => apiClient.call('POST /auth/api-keys', { body }),
    revokeApiKey: (id: number) => apiClient.call('DELETE /auth/api-keys/{id}', { path: { id } }),
  },
  users: {
    list: () => apiClient.call('GET /users'),
    create: (body: ApiUserCreate) => apiClient.call('POST /users', { body }),
    update: (id: number, body: ApiUserPatch) =>
      apiClient.call('PATCH /users/{id}', { path: { id }, body }),
    remove: (id: number) => apiClient.call('DELETE /users/{id}', { path: { id } }),
    resetMfa: (id: number) => apiClient.call('POST /users/{id}/reset-mfa', { path: { id } }),
  },
  bots: {
    list: async () => (await apiClient.call('GET /bots', { query: WHOLE_LIST })).items,
    get: (id: number) => apiClient.call('GET /bots/{id}', { path: { id } }),
    create: (body: BotCreate) => apiClient.call('POST /bots', { body }),
    update: (id: number, body: BotPatch) =>
      apiClient.call('PATCH /bots/{id}', { path: { id }, body }),
    remove: (id: number) => apiClient.call('DELETE /bots/{id}', { path: { id } }),
    verify: (id: number) => apiClient.call('POST /bots/{id}/verify', { path: { id } }),
    getPersona: async (id: number): Promise<PersonaProfile> =>
      apiClient.call('GET /bots/{id}/persona', { path: { id } }),
    putPersona: (id: number, body: PersonaProfile) =>
      apiClient.call('PUT /bots/{id}/persona', { path: { id }, body }),
    getEmotion: async (id: number): Promise<EmotionProfile> =>
      apiClient.call('GET /bots/{id}/emotion', { path: { id } }),
    putEmotion: (id: number, body: EmotionProfile) =>
      apiClient.call('PUT /bots/{id}/emotion', { path: { id }, body }),
    stances: (id: number) => apiClient.call('GET /bots/{id}/stances', { path: { id } }),
    createStance: (id: number, body: StanceWrite) =>
      apiClient.call('POST /bots/{id}/stances', { path: { id }, body }),
    updateStance: (id: number, body: Partial<StanceWrite>) =>
      apiClient.call('PATCH /bots/stances/{id}', { path: { id }, body }),
    removeStance: (id: number) => apiClient.call('DELETE /bots/stances/{id}', { path: { id } }),
    holdings: (id: number) => apiClient.call('GET /bots/{id}/holdings', { path: { id } }),
    createHolding: (id: number, body: HoldingWrite) =>
      apiClient.call('POST /bots/{id}/holdings', { path: { id }, body }),
    updateHolding: (id: number, body: Partial<HoldingWrite>) =>
      apiClient.call('PATCH /bots/holdings/{id}', { path: { id }, body }),
    removeHolding: (id: number) => apiClient.call('DELETE /bots/holdings/{id}', { path: { id } }),
    memories: (id: number) => apiClient.call('GET /bots/{id}/memories', { path: { id } }),
    createMemory: (id: number, body: MemoryWrite) =>
      apiClient.call('POST /bots/{id}/memories', { path: { id }, body }),
    updateMemory: (id: number, body: Partial<MemoryWrite>) =>
      apiClient.call('PATCH /bots/memories/{id}', { path: { id }, body }),
    removeMemory: (id: number) => apiClient.call('DELETE /bots/memories/{id}', { path: { id } }),
  },
  chats: {
    list: async () => (await apiClient.call('GET /chats', { query: WHOLE_LIST })).items,
    get: (id: number) => apiClient.call('GET /chats/{id}', { path: { id } }),
    create: (body: ChatCreate) => apiClient.call('POST /chats', { body }),
    update: (id: number, body: ChatPatch) =>
      apiClient.call('PATCH /chats/{id}', { path: { id }, body }),
    remove: (id: number) => apiClient.call('DELETE /chats/{id}', { path: { id } }),
    /** Member bots of a chat; mode `all_enabled_bots` when it has none (every enabled bot). */
    members: (id: number) => apiClient.call('GET /chats/{id}/bots', { path: { id } }),
    setMembers: (id: number, botIds: number[]) =>
      apiClient.call('PUT /chats/{id}/bots', { path: { id }, body: { bot_ids: botIds } }),
  },
  settings: {
    list: () => apiClient.call('GET /settings'),
    // The document types a setting value as an object; numbers, booleans and strings are valid too.
    update: (key: string, value: unknown) =>
      apiClient.call('PATCH /settings/{key}', {
        path: { key },
        body: { value: value as Record<string, unknown> },
      }),
    bulk: (updates: Record<string, unknown>) =>
      apiClient.call('PUT /settings/bulk', { body: { updates } }),
  },
  control: {
    start: () => apiClient.call('POST /control/start'),
    stop: () => apiClient.call('POST /control/stop'),
    scale: (factor: number) => apiClient.call('POST /control/scale', { body: { factor } }),
  },
  metrics: {
    get: () => apiClient.call('GET /api/metrics'),
  },
  logs: {
    list: (query: LogQuery) => apiClient.call('GET /logs', { query }),
    recent: () => apiClient.call('GET /logs/recent'),
    csvUrl: ({ limit: _limit, cursor: _cursor, ...query }: LogQuery) =>
      apiClient.url('GET /logs/export.csv', {
        query: query satisfies QueryOf<'GET /logs/export.csv'>,
      }),
  },
  wizard: {
    example: () => apiClient.call('GET /wizard/example'),
    setup: (body: WizardSetup) => apiClient.call('POST /wizard/setup', { body }),
  },
  transfer: {
    importSetup: (document: Record<string, unknown>, dryRun: boolean) =>
      apiClient.call('POST /import', { body: document, query: { dry_run: dryRun } }),
    exportUrl: () => apiClient.url('GET /export'),
  },
  demo: {
    // Around the clock, as `npm run demo`: a demo created in the evening talks at once.
    create: (count: number) =>
      apiClient.call('POST /demo-bots/create', { body: { count, around_the_clock: true } }),
  },
  system: {
    health: () => apiClient.call('GET /system/health'),
    runChecks: () => apiClient.call('POST /system/checks', { body: {} }),
    /** null before the first check (the API answers 404). */
    latestCheck: async () => {
      try {
        return await apiClient.call('GET /system/checks/latest');
      } catch (error) {
        if (isApiError(error) && error.status === 404) {
          return null;
        }
        throw error;
      }
    },
    summary: (windowDays: number) =>
      apiClient.call('GET /system/checks/summary', { query: { window_days: windowDays } }),
    queueStats: () => apiClient.call('GET /queue/stats'),
  },
};
