import { api } from '@/api/endpoints';
import { MEMORY_TYPES, type Holding, type Memory, type Stance } from '@/api/types';
import { formatDateTime, formatNumber } from '@/lib/format';

/** A form value: text inputs hold strings, number inputs and date pickers numbers or null. */
export type FormValue = string | number | null;
export type ChildForm = Record<string, FormValue>;
type Translate = (key: string) => string;

export interface ChildField {
  key: string;
  /** i18n key of the label */
  label: string;
  kind: 'text' | 'textarea' | 'number' | 'datetime' | 'select';
  /** The form cannot be sent while this text field is blank. */
  required?: boolean;
  wide?: boolean;
  min?: number;
  max?: number;
  step?: number;
  maxlength?: number;
  /** For `select`: the values and the i18n key of each value's label. */
  options?: { values: readonly string[]; label: (value: string) => string };
}

export interface ChildColumn<T> {
  key: string;
  /** i18n key of the title */
  title: string;
  render?(item: T, locale: string, t: Translate): string;
  ellipsis?: boolean;
}

/**
 * One list of a bot's child rows (stances, holdings, memories) for BotChildList.vue: how to
 * read, show, edit, save and delete them. `save` receives the id of the row being edited, or
 * null for a new one. Methods taking a row are declared as methods so a list of a concrete row
 * type fits where a list of `{ id }` rows is expected (the generic component's tests).
 */
export interface ChildList<T extends { id: number }> {
  columns: ChildColumn<T>[];
  fields: ChildField[];
  /** i18n key of the submit button for a new row */
  addLabel: string;
  emptyForm: () => ChildForm;
  toForm(item: T): ChildForm;
  load: (botId: number) => Promise<T[]>;
  save: (botId: number, form: ChildForm, editingId: number | null) => Promise<unknown>;
  remove: (id: number) => Promise<unknown>;
  scrollX: number;
}

/** The trimmed text of a form value ('' for anything else). */
export const text = (value: FormValue | undefined): string =>
  typeof value === 'string' ? value.trim() : '';
/** The number of a form value (null for anything else). */
export const num = (value: FormValue | undefined): number | null =>
  typeof value === 'number' ? value : null;

/** POST upserts by topic (SPEC 3): editing a stance refills the form and saves it again. */
export const stanceList: ChildList<Stance> = {
  columns: [
    { key: 'topic', title: 'stances.topic' },
    { key: 'stance_text', title: 'stances.text', ellipsis: true },
    {
      key: 'confidence',
      title: 'stances.confidence',
      render: (s, locale) => formatNumber(s.confidence, locale, 2),
    },
    {
      key: 'cooldown_until',
      title: 'stances.cooldown',
      render: (s, locale) => formatDateTime(s.cooldown_until, locale),
    },
  ],
  fields: [
    { key: 'topic', label: 'stances.topic', kind: 'text', required: true, maxlength: 100 },
    { key: 'stance_text', label: 'stances.text', kind: 'textarea', required: true, wide: true },
    { key: 'confidence', label: 'stances.confidence', kind: 'number', min: 0, max: 1, step: 0.05 },
    { key: 'cooldown_until', label: 'stances.cooldown', kind: 'datetime' },
  ],
  addLabel: 'stances.save',
  emptyForm: () => ({ topic: '', stance_text: '', confidence: 0.6, cooldown_until: null }),
  toForm: (s) => ({
    topic: s.topic,
    stance_text: s.stance_text,
    confidence: s.confidence,
    cooldown_until: s.cooldown_until ? Date.parse(s.cooldown_until) : null,
  }),
  load: (botId) => api.bots.stances(botId),
  save: (botId, form) => {
    const cooldown = num(form.cooldown_until);
    return api.bots.createStance(botId, {
      topic: text(form.topic),
      stance_text: text(form.stance_text),
      confidence: num(form.confidence) ?? 0.5,
      cooldown_until: cooldown === null ? null : new Date(cooldown).toISOString(),
    });
  },
  remove: (id) => api.bots.removeStance(id),
  scrollX: 640,
};

/** POST upserts by symbol; only the given fields overwrite, so empty inputs are left out. */
export const holdingList: ChildList<Holding> = {
  columns: [
    { key: 'symbol', title: 'holdings.symbol' },
    {
      key: 'avg_price',
      title: 'holdings.avgPrice',
      render: (x, locale) => formatNumber(x.avg_price, locale, 4),
    },
    { key: 'size', title: 'holdings.size', render: (x, locale) => formatNumber(x.size, locale, 4) },
    { key: 'note', title: 'holdings.note', ellipsis: true },
  ],
  fields: [
    { key: 'symbol', label: 'holdings.symbol', kind: 'text', required: true, maxlength: 20 },
    { key: 'avg_price', label: 'holdings.avgPrice', kind: 'number', min: 0 },
    { key: 'size', label: 'holdings.size', kind: 'number' },
    { key: 'note', label: 'holdings.note', kind: 'text' },
  ],
  addLabel: 'holdings.save',
  emptyForm: () => ({ symbol: '', avg_price: null, size: null, note: '' }),
  toForm: (x) => ({ symbol: x.symbol, avg_price: x.avg_price, size: x.size, note: x.note ?? '' }),
  load: (botId) => api.bots.holdings(botId),
  save: (botId, form) => {
    const avgPrice = num(form.avg_price);
    const size = num(form.size);
    return api.bots.createHolding(botId, {
      symbol: text(form.symbol).toUpperCase(),
      ...(avgPrice === null ? {} : { avg_price: avgPrice }),
      ...(size === null ? {} : { size }),
      ...(text(form.note) ? { note: text(form.note) } : {}),
    });
  },
  remove: (id) => api.bots.removeHolding(id),
  scrollX: 560,
};

/** Memories have no natural key: a new one is created, an edited one patched by id. */
export const memoryList: ChildList<Memory> = {
  columns: [
    {
      key: 'memory_type',
      title: 'memories.type',
      render: (x, _locale, t) => t(`memories.types.${x.memory_type}`),
    },
    { key: 'content', title: 'memories.content', ellipsis: true },
    {
      key: 'relevance_score',
      title: 'memories.relevance',
      render: (x, locale) => formatNumber(x.relevance_score, locale, 2),
    },
    { key: 'usage_count', title: 'memories.usage' },
    {
      key: 'last_used_at',
      title: 'memories.lastUsed',
      render: (x, locale) => formatDateTime(x.last_used_at, locale),
    },
  ],
  fields: [
    {
      key: 'memory_type',
      label: 'memories.type',
      kind: 'select',
      options: { values: MEMORY_TYPES, label: (value) => `memories.types.${value}` },
    },
    { key: 'content', label: 'memories.content', kind: 'textarea', required: true, wide: true },
    {
      key: 'relevance_score',
      label: 'memories.relevance',
      kind: 'number',
      min: 0,
      max: 1,
      step: 0.05,
    },
  ],
  addLabel: 'memories.add',
  emptyForm: () => ({ memory_type: 'personal_fact', content: '', relevance_score: 0.5 }),
  toForm: (x) => ({
    memory_type: x.memory_type,
    content: x.content,
    relevance_score: x.relevance_score,
  }),
  load: (botId) => api.bots.memories(botId),
  save: (botId, form, editingId) => {
    const body = {
      memory_type: MEMORY_TYPES.find((m) => m === form.memory_type) ?? 'personal_fact',
      content: text(form.content),
      relevance_score: num(form.relevance_score) ?? 0.5,
    };
    return editingId === null
      ? api.bots.createMemory(botId, body)
      : api.bots.updateMemory(editingId, body);
  },
  remove: (id) => api.bots.removeMemory(id),
  scrollX: 720,
};
