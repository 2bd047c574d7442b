import { describe, expect, it } from 'vitest';
import { emptyWizardForm, toWizardSetup, wizardFormFromExample } from './wizard-form';

describe('wizard form', () => {
  it('keeps numeric chat ids as numbers and drops empty rows', () => {
    const form = {
      ...emptyWizardForm(),
      bot_name: ' Ayşe ',
      chat_id: '-1001234567890',
      stances: [{ topic: '', stance_text: 'x', confidence: 0.5 }],
      holdings: [{ symbol: 'thyao', avg_price: 250, size: null }],
    };
    const setup = toWizardSetup(form);
    expect(setup.bot).toEqual({ name: 'Ayşe', persona_hint: '' });
    expect(setup.chat.chat_id).toBe(-1001234567890);
    expect(setup.stances).toEqual([]);
    expect(setup.holdings).toEqual([{ symbol: 'THYAO', avg_price: 250 }]);
  });

  it('reads the example with defaults for missing parts', () => {
    const form = wizardFormFromExample({
      bot: { name: 'Demo' },
      chat: { chat_id: -100, title: 'Piyasa' },
    });
    expect(form).toMatchObject({
      bot_name: 'Demo',
      chat_id: '-100',
      chat_title: 'Piyasa',
      topics: ['BIST', 'FX', 'Kripto', 'Makro'],
    });
  });
});
