import { apiClient } from './client';
import type {
  ApiKey,
  ApiKeyCreate,
  ApiKeyCreated,
  ApiUser,
  ApiUserCreate,
  ApiUserPatch,
  Bot,
  BotVerifyResult,
  BotWrite,
  Chat,
  ChatMessage,
  ChatWrite,
  ControlResult,
  CurrentUser,
  DemoBotsResult,
  EmotionProfile,
  Holding,
  HoldingWrite,
  ImportResult,
  LoginRequest,
  LoginResponse,
  LogQuery,
  Memory,
  MemoryWrite,
  MfaEnrolment,
  Metrics,
  Page,
  PersonaProfile,
  QueueStats,
  SettingRow,
  Stance,
  StanceWrite,
  SystemCheck,
  SystemCheckSummary,
  WizardResult,
  WizardSetup,
} from './types';

/** Accepts a bare array or a `{items}` page, so list endpoints can add pagination freely. */
export function toPage<T>(body: T[] | Page<T> | undefined): Page<T> {
  if (Array.isArray(body)) {
    return { items: body, total: body.length };
  }
  return body ?? { items: [] };
}

async function list<T>(path: string, query?: Parameters<typeof apiClient.get>[1]): Promise<T[]> {
  return toPage(await apiClient.get<T[] | Page<T>>(path, query)).items;
}

/**
 * Every REST call of the dashboard, by area (paths from SPEC section 4). Stores and views call
 * these, never fetch; adapting to a backend change happens here.
 */
export const api = {
  auth: {
    login: (body: LoginRequest) =>
      apiClient.post<LoginResponse>('/auth/login', body, { allowUnauthorized: true }),
    logout: () => apiClient.post<void>('/auth/logout', undefined, { allowUnauthorized: true }),
    me: () => apiClient.get<CurrentUser>('/auth/me', undefined, { allowUnauthorized: true }),
    mfaEnrol: () => apiClient.post<MfaEnrolment>('/auth/mfa/enroll'),
    mfaConfirm: (code: string) =>
      apiClient.post<CurrentUser | undefined>('/auth/mfa/confirm', { code }),
    mfaDisable: (code: string) => apiClient.post<void>('/auth/mfa/disable', { code }),
    listApiKeys: () => list<ApiKey>('/auth/api-keys'),
    createApiKey: (body: ApiKeyCreate) => apiClient.post<ApiKeyCreated>('/auth/api-keys', body),
    revokeApiKey: (id: number) => apiClient.delete(`/auth/api-keys/${id}`),
  },
  users: {
    list: () => list<ApiUser>('/users'),
    create: (body: ApiUserCreate) => apiClient.post<ApiUser>('/users', body),
    update: (id: number, body: ApiUserPatch) => apiClient.patch<ApiUser>(`/users/${id}`, body),
    remove: (id: number) => apiClient.delete(`/users/${id}`),
    resetMfa: (id: number) => apiClient.post<void>(`/users/${id}/reset-mfa`),
  },
  bots: {
    list: () => list<Bot>('/bots'),
    get: (id: number) => apiClient.get<Bot>(`/bots/${id}`),
    create: (body: BotWrite) => apiClient.post<Bot>('/bots', body),
    update: (id: number, body: BotWrite) => apiClient.patch<Bot>(`/bots/${id}`, body),
    remove: (id: number) => apiClient.delete(`/bots/${id}`),
    verify: (id: number) => apiClient.post<BotVerifyResult>(`/bots/${id}/verify`),
    getPersona: (id: number) => apiClient.get<PersonaProfile>(`/bots/${id}/persona`),
    putPersona: (id: number, body: PersonaProfile) =>
      apiClient.put<PersonaProfile>(`/bots/${id}/persona`, body),
    getEmotion: (id: number) => apiClient.get<EmotionProfile>(`/bots/${id}/emotion`),
    putEmotion: (id: number, body: EmotionProfile) =>
      apiClient.put<EmotionProfile>(`/bots/${id}/emotion`, body),
    stances: (id: number) => list<Stance>(`/bots/${id}/stances`),
    upsertStance: (id: number, body: StanceWrite) =>
      apiClient.post<Stance>(`/bots/${id}/stances`, body),
    updateStance: (stanceId: number, body: Partial<StanceWrite>) =>
      apiClient.patch<Stance>(`/bots/stances/${stanceId}`, body),
    removeStance: (stanceId: number) => apiClient.delete(`/bots/stances/${stanceId}`),
    holdings: (id: number) => list<Holding>(`/bots/${id}/holdings`),
    upsertHolding: (id: number, body: HoldingWrite) =>
      apiClient.post<Holding>(`/bots/${id}/holdings`, body),
    updateHolding: (holdingId: number, body: Partial<HoldingWrite>) =>
      apiClient.patch<Holding>(`/bots/holdings/${holdingId}`, body),
    removeHolding: (holdingId: number) => apiClient.delete(`/bots/holdings/${holdingId}`),
    memories: (id: number) => list<Memory>(`/bots/${id}/memories`),
    createMemory: (id: number, body: MemoryWrite) =>
      apiClient.post<Memory>(`/bots/${id}/memories`, body),
    updateMemory: (memoryId: number, body: Partial<MemoryWrite>) =>
      apiClient.patch<Memory>(`/bots/memories/${memoryId}`, body),
    removeMemory: (memoryId: number) => apiClient.delete(`/bots/memories/${memoryId}`),
  },
  chats: {
    list: () => list<Chat>('/chats'),
    get: (id: number) => apiClient.get<Chat>(`/chats/${id}`),
    create: (body: ChatWrite) => apiClient.post<Chat>('/chats', body),
    update: (id: number, body: ChatWrite) => apiClient.patch<Chat>(`/chats/${id}`, body),
    remove: (id: number) => apiClient.delete(`/chats/${id}`),
    /** Member bots of a chat; an empty list means every enabled bot. */
    setBots: (id: number, botIds: number[]) =>
      apiClient.put<Chat>(`/chats/${id}/bots`, { bot_ids: botIds }),
  },
  settings: {
    list: () => list<SettingRow>('/settings'),
    update: (key: string, value: unknown) =>
      apiClient.patch<SettingRow>(`/settings/${encodeURIComponent(key)}`, { value }),
    bulk: (updates: Record<string, unknown>) =>
      apiClient.put<SettingRow[]>('/settings/bulk', { updates }),
  },
  control: {
    start: () => apiClient.post<ControlResult>('/control/start'),
    stop: () => apiClient.post<ControlResult>('/control/stop'),
    scale: (factor: number) => apiClient.post<ControlResult>('/control/scale', { factor }),
  },
  metrics: {
    get: () => apiClient.get<Metrics>('/api/metrics'),
  },
  logs: {
    list: (query: LogQuery) =>
      apiClient.get<ChatMessage[] | Page<ChatMessage>>('/logs', { ...query }).then(toPage),
    recent: () => list<ChatMessage>('/logs/recent'),
    csvUrl: (query: LogQuery) =>
      apiClient.url('/logs', { ...query, format: 'csv', cursor: undefined }),
  },
  wizard: {
    example: () => apiClient.get<WizardSetup>('/wizard/example'),
    setup: (body: WizardSetup) => apiClient.post<WizardResult>('/wizard/setup', body),
  },
  transfer: {
    importSetup: (document: unknown, dryRun: boolean) =>
      apiClient.post<ImportResult>('/import', document, { query: { dry_run: dryRun } }),
    exportUrl: () => apiClient.url('/export'),
  },
  demo: {
    create: (count: number) => apiClient.post<DemoBotsResult>('/demo-bots/create', { count }),
  },
  system: {
    health: () => apiClient.get<unknown>('/system/health'),
    runChecks: () => apiClient.post<SystemCheck>('/system/checks'),
    latestCheck: () => apiClient.get<SystemCheck | null>('/system/checks/latest'),
    summary: (windowDays: number) =>
      apiClient.get<SystemCheckSummary>('/system/checks/summary', { window_days: windowDays }),
    queueStats: () => apiClient.get<QueueStats>('/queue/stats'),
  },
};
