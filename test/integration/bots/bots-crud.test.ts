jest.setTimeout(120_000);

import request from 'supertest';
import { Bot } from '../../../src/bots/entities/bot.entity';
import { BotMemory } from '../../../src/bots/entities/bot-memory.entity';
import { Message, MessageState } from '../../../src/messages/entities/message.entity';
import { ApiHarness } from '../../support/api-harness';
import {
  ENCRYPTION_ENV,
  expectErrorShape,
  fakeToken,
  roleKeys,
  RoleKeys,
} from '../../support/mgmt-fixtures';

describe('bots API', () => {
  let api: ApiHarness;
  let keys: RoleKeys;

  beforeAll(async () => {
    api = await ApiHarness.start('bots_crud', ENCRYPTION_ENV);
    keys = await roleKeys(api);
  });
  afterAll(async () => {
    await api.stop();
  });

  const http = () => request(api.url);

  it('creates a bot with a token, never returns the token, and seeds memories', async () => {
    const token = fakeToken();
    const res = await http()
      .post('/bots')
      .set('X-API-Key', keys.operator)
      .send({
        name: 'Mehmet Yatırımcı',
        token,
        username: '@mehmet_trader',
        active_hours: ['09:00-12:00', '22:00-02:00'],
        persona_profile: {
          tone: 'sabırlı',
          risk_profile: 'düşük risk',
          watchlist: ['GARAN', 'THYAO'],
          style: 'Rahat',
        },
        emotion_profile: { signature_emoji: ['📊'], empathy: 'yüksek' },
        speed_profile: { delay: { base_delay_seconds: 45 } },
      })
      .expect(201);
    expect(res.body).toMatchObject({
      name: 'Mehmet Yatırımcı',
      username: 'mehmet_trader',
      is_enabled: true,
      status: 'active',
      has_token: true,
      token_masked: `${token.slice(0, 4)}…${token.slice(-4)}`,
      active_hours: ['09:00-12:00', '22:00-02:00'],
      // Stored normalised: what the engine will use.
      persona_profile: {
        tone: 'sabırlı',
        risk_profile: 'düşük',
        watchlist: ['GARAN', 'THYAO'],
        style: { description: 'Rahat', length: 'orta' },
      },
      emotion_profile: { signature_emoji: ['📊'], empathy: 0.8 },
      speed_profile: {
        delay: { base_delay_seconds: 45, multiplier: 1, jitter: 0.2 },
        typing: { multiplier: 1 },
      },
      llm_model: null,
      last_error: null,
    });
    expect(JSON.stringify(res.body)).not.toContain(token.slice(10));
    const stored = await api.dataSource.getRepository(Bot).findOneByOrFail({ id: res.body.id });
    expect(stored.tokenCiphertext).not.toContain(token);
    expect(stored.tokenCiphertext).toMatch(/^v1:test1:/);
    const memories = await api.dataSource.getRepository(BotMemory).countBy({ botId: res.body.id });
    expect(memories).toBeGreaterThanOrEqual(4);
    expect(memories).toBeLessThanOrEqual(8);

    const got = await http().get(`/bots/${res.body.id}`).set('X-API-Key', keys.viewer).expect(200);
    expect(got.body.id).toBe(res.body.id);
    expect(JSON.stringify(got.body)).not.toContain(token.slice(10));
  });

  it('refuses a second bot with the same token (409 naming token) or the same name', async () => {
    const token = fakeToken();
    await http()
      .post('/bots')
      .set('X-API-Key', keys.operator)
      .send({ name: 'Tok A', token })
      .expect(201);
    const dup = await http()
      .post('/bots')
      .set('X-API-Key', keys.operator)
      .send({ name: 'Tok B', token })
      .expect(409);
    expectErrorShape(dup.body, 409, 'token');
    expect(JSON.stringify(dup.body)).not.toContain(token);
    const sameName = await http()
      .post('/bots')
      .set('X-API-Key', keys.operator)
      .send({ name: 'tok a' })
      .expect(409);
    expectErrorShape(sameName.body, 409, 'name');
    expect(await api.dataSource.getRepository(Bot).countBy({ name: 'Tok B' })).toBe(0);
  });

  it('refuses a change that takes the name or token of another bot (409), leaving both bots as they were', async () => {
    const token = fakeToken();
    const first = await http()
      .post('/bots')
      .set('X-API-Key', keys.operator)
      .send({ name: 'Değişim A', token })
      .expect(201);
    const second = await http()
      .post('/bots')
      .set('X-API-Key', keys.operator)
      .send({ name: 'Değişim B' })
      .expect(201);
    const takesName = await http()
      .patch(`/bots/${second.body.id}`)
      .set('X-API-Key', keys.operator)
      .send({ name: 'değişim a' })
      .expect(409);
    expectErrorShape(takesName.body, 409, 'name');
    const takesToken = await http()
      .patch(`/bots/${second.body.id}`)
      .set('X-API-Key', keys.operator)
      .send({ token })
      .expect(409);
    expectErrorShape(takesToken.body, 409, 'token');
    expect(JSON.stringify(takesToken.body)).not.toContain(token);
    const after = await http().get(`/bots/${second.body.id}`).set('X-API-Key', keys.viewer);
    expect(after.body).toMatchObject({ name: 'Değişim B', has_token: false });
    const untouched = await http().get(`/bots/${first.body.id}`).set('X-API-Key', keys.viewer);
    expect(untouched.body).toMatchObject({ name: 'Değişim A', has_token: true });
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{}, 'name'],
    [{ name: 'ok', token: 'BOT_TOKEN_1' }, 'token'],
    [{ name: 'ok', active_hours: ['25:00-26:00'] }, 'active_hours'],
    [{ name: 'ok', active_hours: 'always' }, 'active_hours'],
    [{ name: 'ok', persona_profile: ['not', 'an', 'object'] }, 'persona_profile'],
    [{ name: 'ok', persona_profile: { tone: 'x'.repeat(2001) } }, 'persona_profile'],
    [{ name: 'ok', persona_profile: { risk_profile: 'mor' } }, 'persona_profile.risk_profile'],
    [{ name: 'ok', persona_profile: { watchlist: ['THYAO', 7] } }, 'persona_profile.watchlist[1]'],
    [{ name: 'ok', persona_profile: { style: { length: 'dev' } } }, 'persona_profile.style.length'],
    [{ name: 'ok', emotion_profile: { empathy: 3 } }, 'emotion_profile.empathy'],
    [
      { name: 'ok', emotion_profile: { signature_phrases: 5 } },
      'emotion_profile.signature_phrases',
    ],
    [
      { name: 'ok', speed_profile: { delay: { base_delay_seconds: 1 } } },
      'speed_profile.delay.base_delay_seconds',
    ],
    [
      { name: 'ok', speed_profile: { typing: { wpm: { min: 9, max: 3 } } } },
      'speed_profile.typing.wpm',
    ],
    [{ name: 'ok', speed_profile: { typing: 'hızlı' } }, 'speed_profile.typing'],
    [{ name: 'ok', status: 'error' }, 'status'],
    [{ name: 'ok', is_enabled: 'yes' }, 'is_enabled'],
    [{ name: 'ok', unknown_field: 1 }, 'unknown_field'],
    [{ name: 'nul\u0000byte' }, 'name'],
  ])('refuses %j naming %s', async (body, field) => {
    const res = await http().post('/bots').set('X-API-Key', keys.operator).send(body).expect(400);
    expectErrorShape(res.body, 400, field);
  });

  it('patches only the given fields; replaces and clears the token', async () => {
    const created = await http()
      .post('/bots')
      .set('X-API-Key', keys.operator)
      .send({ name: 'Patchy', persona_hint: 'ilk', token: fakeToken(), username: 'patchy_bot' })
      .expect(201);
    const id = created.body.id as number;
    const patched = await http()
      .patch(`/bots/${id}`)
      .set('X-API-Key', keys.operator)
      .send({ is_enabled: false })
      .expect(200);
    expect(patched.body).toMatchObject({
      is_enabled: false,
      persona_hint: 'ilk',
      has_token: true,
      username: 'patchy_bot',
    });

    const newToken = fakeToken();
    const replaced = await http()
      .patch(`/bots/${id}`)
      .set('X-API-Key', keys.operator)
      .send({ token: newToken })
      .expect(200);
    expect(replaced.body.token_masked).toBe(`${newToken.slice(0, 4)}…${newToken.slice(-4)}`);
    expect(replaced.body.username).toBeNull();

    const cleared = await http()
      .patch(`/bots/${id}`)
      .set('X-API-Key', keys.operator)
      .send({ token: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ has_token: false, token_masked: null });

    const nullName = await http()
      .patch(`/bots/${id}`)
      .set('X-API-Key', keys.operator)
      .send({ name: null })
      .expect(400);
    expectErrorShape(nullName.body, 400, 'name');
    await http()
      .patch('/bots/999999')
      .set('X-API-Key', keys.operator)
      .send({ is_enabled: true })
      .expect(404);
  });

  it('lets the operator pause and resume; error is the engine’s to set, resuming clears it', async () => {
    const created = await http()
      .post('/bots')
      .set('X-API-Key', keys.operator)
      .send({ name: 'Status' })
      .expect(201);
    const id = created.body.id as number;
    await api.dataSource
      .getRepository(Bot)
      .update(
        { id },
        { status: 'error' as Bot['status'], lastError: 'token revoked', lastErrorAt: new Date() },
      );
    const paused = await http()
      .patch(`/bots/${id}`)
      .set('X-API-Key', keys.operator)
      .send({ status: 'paused' })
      .expect(200);
    expect(paused.body.status).toBe('paused');
    const active = await http()
      .patch(`/bots/${id}`)
      .set('X-API-Key', keys.operator)
      .send({ status: 'active' })
      .expect(200);
    expect(active.body).toMatchObject({ status: 'active', last_error: null, last_error_at: null });
  });

  it('reads and replaces persona and emotion, within limits', async () => {
    const created = await http()
      .post('/bots')
      .set('X-API-Key', keys.operator)
      .send({ name: 'Persona' })
      .expect(201);
    const id = created.body.id as number;
    // The original's variants: style as text, risk as a phrase, watchlist as comma text.
    const put = await http()
      .put(`/bots/${id}/persona`)
      .set('X-API-Key', keys.operator)
      .send({
        tone: 'enerjik',
        risk: 'agresif yatırımcı',
        watchlist: 'sise, thyao',
        style: 'kısa yazar, yatırım tavsiyesi değildir der',
      })
      .expect(200);
    const persona = {
      tone: 'enerjik',
      risk_profile: 'yüksek',
      watchlist: ['SISE', 'THYAO'],
      never_do: [],
      style: {
        emojis: true,
        length: 'kısa',
        disclaimer: true,
        description: 'kısa yazar, yatırım tavsiyesi değildir der',
      },
    };
    expect(put.body).toEqual(persona);
    const got = await http().get(`/bots/${id}/persona`).set('X-API-Key', keys.viewer).expect(200);
    expect(got.body).toEqual(persona);
    const stored = await api.dataSource.getRepository(Bot).findOneByOrFail({ id });
    expect(stored.personaProfile).toEqual(persona);
    await http()
      .put(`/bots/${id}/emotion`)
      .set('X-API-Key', keys.operator)
      .send({ signature_emoji: '🚀📈', empathy: 'düşük', energy: '0.9' })
      .expect(200);
    const emotion = await http()
      .get(`/bots/${id}/emotion`)
      .set('X-API-Key', keys.viewer)
      .expect(200);
    expect(emotion.body).toEqual({
      tone: 'dengeli',
      empathy: 0.2,
      energy: 0.9,
      signature_emoji: ['🚀', '📈'],
      signature_phrases: [],
      anecdotes: [],
    });

    const badEmotion = await http()
      .put(`/bots/${id}/emotion`)
      .set('X-API-Key', keys.operator)
      .send({ empathy: 'çok', anecdotes: [1] })
      .expect(400);
    expectErrorShape(badEmotion.body, 400, 'emotion_profile.empathy');
    expect(badEmotion.body.fields).toContainEqual({
      field: 'emotion_profile.anecdotes[0]',
      reason: 'must be text',
    });
    // A refused write leaves the stored profile as it was.
    const unchanged = await http()
      .get(`/bots/${id}/emotion`)
      .set('X-API-Key', keys.viewer)
      .expect(200);
    expect(unchanged.body).toEqual(emotion.body);

    const bad = await http()
      .put(`/bots/${id}/persona`)
      .set('X-API-Key', keys.operator)
      .send([1, 2])
      .expect(400);
    expectErrorShape(bad.body, 400, 'persona_profile');
    const tooLong = await http()
      .put(`/bots/${id}/persona`)
      .set('X-API-Key', keys.operator)
      .send({ a: { b: 'x'.repeat(2001) } })
      .expect(400);
    expectErrorShape(tooLong.body, 400, 'persona_profile.a.b');
    await http().put('/bots/424242/persona').set('X-API-Key', keys.operator).send({}).expect(404);
  });

  it('normalises speed profile and active hours on PATCH, leaving other fields alone', async () => {
    const created = await http()
      .post('/bots')
      .set('X-API-Key', keys.operator)
      .send({ name: 'Hızlı', persona_profile: { tone: 'sakin' } })
      .expect(201);
    const id = created.body.id as number;
    const patched = await http()
      .patch(`/bots/${id}`)
      .set('X-API-Key', keys.operator)
      .send({
        // Flat keys and real words per minute (40 wpm = 4 characters per second).
        speed_profile: { base_delay_seconds: 60, delay_multiplier: 2, typing_wpm: 40 },
        active_hours: [' 09:00-12:00', '09:00-12:00', '14:00-18:00'],
      })
      .expect(200);
    expect(patched.body.speed_profile).toEqual({
      delay: { base_delay_seconds: 60, multiplier: 2, jitter: 0.2 },
      typing: { wpm: { min: 4, max: 4 }, multiplier: 1 },
    });
    expect(patched.body.active_hours).toEqual(['09:00-12:00', '14:00-18:00']);
    expect(patched.body.persona_profile).toEqual(created.body.persona_profile);
    const refused = await http()
      .patch(`/bots/${id}`)
      .set('X-API-Key', keys.operator)
      .send({ speed_profile: { delay: { jitter: 4 } }, is_enabled: false })
      .expect(400);
    expectErrorShape(refused.body, 400, 'speed_profile.delay.jitter');
    // Nothing of the refused PATCH was written.
    const after = await http().get(`/bots/${id}`).set('X-API-Key', keys.viewer).expect(200);
    expect(after.body).toMatchObject({
      is_enabled: true,
      speed_profile: patched.body.speed_profile,
    });
  });

  it('enforces roles: viewer reads only, operator cannot delete a bot, admin can', async () => {
    const created = await http()
      .post('/bots')
      .set('X-API-Key', keys.operator)
      .send({ name: 'Roles' })
      .expect(201);
    const id = created.body.id as number;
    await http().get('/bots').expect(401);
    await http().post('/bots').set('X-API-Key', keys.viewer).send({ name: 'No' }).expect(403);
    await http()
      .patch(`/bots/${id}`)
      .set('X-API-Key', keys.viewer)
      .send({ is_enabled: false })
      .expect(403);
    await http().put(`/bots/${id}/persona`).set('X-API-Key', keys.viewer).send({}).expect(403);
    await http().delete(`/bots/${id}`).set('X-API-Key', keys.operator).expect(403);
    await http().delete(`/bots/${id}`).set('X-API-Key', keys.admin).expect(204);
    await http().get(`/bots/${id}`).set('X-API-Key', keys.viewer).expect(404);
    await http().delete(`/bots/${id}`).set('X-API-Key', keys.admin).expect(404);
  });

  it('keeps message history on delete (bot_id null) unless purge=true', async () => {
    const messages = api.dataSource.getRepository(Message);
    const keep = await http()
      .post('/bots')
      .set('X-API-Key', keys.operator)
      .send({ name: 'Keep' })
      .expect(201);
    const purge = await http()
      .post('/bots')
      .set('X-API-Key', keys.operator)
      .send({ name: 'Purge' })
      .expect(201);
    const kept = await messages.save({
      botId: keep.body.id,
      text: 'merhaba',
      state: MessageState.Sent,
    });
    await messages.save({ botId: purge.body.id, text: 'selam', state: MessageState.Sent });
    await http().delete(`/bots/${keep.body.id}`).set('X-API-Key', keys.admin).expect(204);
    await http()
      .delete(`/bots/${purge.body.id}?purge=true`)
      .set('X-API-Key', keys.admin)
      .expect(204);
    expect((await messages.findOneByOrFail({ id: kept.id })).botId).toBeNull();
    expect(await messages.countBy({ text: 'selam' })).toBe(0);
  });

  it('rejects malformed ids with the field named', async () => {
    const res = await http().get('/bots/abc').set('X-API-Key', keys.viewer).expect(400);
    expectErrorShape(res.body, 400, 'id');
    await http().get('/bots/99999999999').set('X-API-Key', keys.viewer).expect(400);
  });
  it('documents the management routes in the OpenAPI document, with examples', async () => {
    const res = await http().get('/docs-json').expect(200);
    const doc = res.body as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    for (const path of [
      '/bots',
      '/bots/{id}',
      '/bots/{id}/persona',
      '/bots/{id}/stances',
      '/bots/stances/{id}',
      '/bots/{id}/verify',
      '/chats/{id}/bots',
      '/wizard/setup',
      '/import',
      '/export',
      '/demo-bots/create',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(JSON.stringify(doc.components.schemas.CreateBotDto)).toContain('Mehmet Yatırımcı');
  });
});
