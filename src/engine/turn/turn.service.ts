import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LlmError } from '../../llm/llm-error';
import { DemoContext, demoContextFromPrompt } from '../../llm/demo/demo-context';
import {
  Message,
  MessageKind,
  MessageMetadata,
  MessageState,
} from '../../messages/entities/message.entity';
import { MessageLedger } from '../../messages/message-ledger.service';
import { jobIds, JobResult } from '../../queue/job-definitions';
import { JobProducer } from '../../queue/job-producer.service';
import { SettingsReader } from '../../settings/settings-reader.service';
import { SettingsValues } from '../../settings/settings.registry';
import { findNearDuplicate } from '../dedup';
import {
  BotView,
  HistoryMessage,
  LengthCategory,
  LocalTimeContext,
  Rng,
  StanceView,
} from '../engine-types';
import { humanize } from '../humanizer';
import { postProcess } from '../post-process';
import {
  buildConsistencyCheckPrompt,
  buildParaphrasePrompt,
  buildPrompt,
  buildStanceRewritePrompt,
  ChatPrompt,
  parseConsistencyVerdict,
  PromptInput,
} from '../prompt-builder';
import { seededRng } from '../random.util';
import { pickReaction } from '../reaction-picker';
import { samplingFor } from '../sampling';
import { NewsService } from '../../news/news.service';
import { RedisService } from '../../redis/redis.service';
import { ChatSchedule, IN_FLIGHT_FALLBACK_MS } from '../scheduling/chat-schedule.service';
import { localContext } from '../time-window.util';
import { topicsIn } from '../topic-keywords';
import { analyzeSentiment } from '../sentiment';
import { symbolsIn } from '../symbols.util';
import { planTyping, scheduleNextTurn } from '../timing';
import { planTurn, TurnPlan } from '../turn-planner';
import { PendingHuman } from './pending-human';
import { PersonaRefreshState } from './persona-refresh.service';
import { GenerationKind, TEXT_GENERATOR, TextGenerator } from './text-generator';
import { CandidateBot, TurnContext, TurnContextLoader } from './turn-context.loader';

/**
 * The next turn is due once this turn's message has been "typed" and sent: typing time plus this
 * margin for the send itself. If the message is still on its way then (a limit holds it), the turn
 * waits until the send wakes the chat, or IN_FLIGHT_FALLBACK_MS at most before it looks again.
 */
const AFTER_SEND_MARGIN_MS = 500;
/** Chat messages besides the bot's own that a new message must not repeat. */
const CHAT_DEDUP_WINDOW = 20;

export interface TurnRequest {
  chatDbId: number;
  reason: 'scheduled' | 'human_reply';
  /** Unique per scheduled turn (the job id): a retried turn job finds its own message. */
  turnKey: string;
  /**
   * False when this turn's job ran before (a retry, or a worker died in it): only then can a
   * message of this turn already exist, so only then is the ledger asked.
   */
  firstRun: boolean;
  /** For a human reply: the stored human message being answered. */
  triggerMessageId?: number;
  /** For a human reply: the one bot chosen to answer (src/updates/human-message-intake). */
  botId?: number;
}

/** What write() needs of a plan: a scheduled turn's plan, or a human reply's fixed choices. */
interface WriteSpec {
  mode: 'group' | 'human_reply';
  action: 'reply' | 'new';
  topic: string;
  length: LengthCategory;
  mentionUsername: string | null;
  timeContext: LocalTimeContext;
  speakerReason: string;
}

interface Draft {
  text: string;
  llmMs: number;
  model: string;
  paraphrases: number;
  guardRewritten: boolean;
}

function describeTime(t: LocalTimeContext): string {
  return `${t.weekday_name} ${t.day_part}, saat ${t.local_time}, BIST seansı ${t.bist_open ? 'açık' : 'kapalı'}`;
}

/**
 * One turn of one chat (SPEC 7.1): plan with the pure planner, write the text (prompt, model,
 * post-processing, dedup with paraphrases, stance guard, humanization), record it as `planned` and
 * hand it to the send queue, then set the chat's next turn. Expected no-ops return `skipped`.
 */
@Injectable()
export class TurnService {
  private readonly logger = new Logger(TurnService.name);
  private readonly pendingHuman: PendingHuman;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly loader: TurnContextLoader,
    private readonly schedule: ChatSchedule,
    private readonly producer: JobProducer,
    private readonly personaRefresh: PersonaRefreshState,
    private readonly settings: SettingsReader,
    @Inject(TEXT_GENERATOR) private readonly generator: TextGenerator,
    private readonly redis: RedisService,
    private readonly news: NewsService,
    private readonly ledger: MessageLedger,
  ) {
    this.pendingHuman = new PendingHuman(this.redis);
  }

  async run(request: TurnRequest): Promise<JobResult> {
    if (request.reason === 'human_reply') {
      return this.runHumanReply(request);
    }
    const settings = await this.settings.get();
    const fallbackAt = Date.now() + IN_FLIGHT_FALLBACK_MS;
    // The cheap check first (a Redis marker); the ledger check below catches a lost marker.
    if (await this.schedule.waitIfInFlight(request.chatDbId, fallbackAt)) {
      return { status: 'skipped', reason: 'previous_message_in_flight' };
    }
    const ctx = await this.loader.load(request.chatDbId);
    if (!ctx) {
      await this.schedule.unschedule([request.chatDbId]);
      return { status: 'skipped', reason: 'chat_gone' };
    }
    const now = new Date();
    const rng = seededRng(`${request.turnKey}:${randomUUID()}`);
    if (await this.alreadyDone(request)) {
      await this.scheduleNext(ctx, settings, rng, 0);
      return { status: 'skipped', reason: 'turn_already_done' };
    }
    if (ctx.messageInFlight) {
      // One message at a time per chat: turns follow each other in the order their messages go
      // out. The send wakes the chat when the message settles.
      await this.schedule.waitForMessage(ctx.chat.id, fallbackAt);
      return { status: 'skipped', reason: 'previous_message_in_flight' };
    }
    const plan = planTurn(
      {
        settings,
        chat: ctx.plannerChat,
        bots: ctx.candidates.map((c) => c.planner),
        history: ctx.history,
        now,
        pending_human_message: await this.pendingHuman.isWaiting(request.chatDbId),
      },
      rng,
    );
    if ('skip' in plan) {
      await this.scheduleNext(ctx, settings, rng, 0);
      return { status: 'skipped', reason: plan.skip };
    }
    const speaker = ctx.candidates.find((c) => c.planner.id === plan.speaker_id) as CandidateBot;
    const target = ctx.history.find((m) => m.id === plan.target_message_id) ?? null;

    let waitMs = 0;
    try {
      waitMs =
        plan.action === 'reaction'
          ? await this.react(ctx, plan, speaker, target, request.turnKey, rng)
          : await this.write(
              ctx,
              {
                mode: 'group',
                action: plan.action === 'reply' ? 'reply' : 'new',
                topic: plan.topic,
                length: plan.length ?? 'short',
                mentionUsername: plan.mention_username,
                timeContext: plan.time_context,
                speakerReason: plan.reasons.speaker,
              },
              speaker,
              target,
              settings,
              request.turnKey,
              rng,
            );
    } catch (error) {
      if (!(error instanceof LlmError)) {
        throw error;
      }
      // The provider already retried within its bounds: this turn passes, the chat carries on.
      this.logger.warn(`turn in chat ${ctx.chat.id} skipped: LLM ${error.kind}: ${error.message}`);
      await this.scheduleNext(ctx, settings, rng, 0);
      return { status: 'skipped', reason: `llm_${error.kind}` };
    }
    await this.scheduleNext(ctx, settings, rng, waitMs);
    return { status: 'done', action: plan.action, speaker: speaker.entity.id };
  }

  /**
   * Answers one real member (SPEC 7.9): the bot chosen at intake writes a threaded reply with the
   * human-reply prompt, through the same dedup, guard, humanization and send limits as any turn.
   * The chat's own schedule is left as it was, unless the chosen bot cannot answer: then the
   * chat's next regular turn is brought forward, and its target scoring (a member's message +8)
   * favours the waiting message, so the member is not left unanswered for a whole gap.
   */
  private async runHumanReply(request: TurnRequest): Promise<JobResult> {
    const settings = await this.settings.get();
    // Regular turns stay held back until the answer has been typed (0: released at once).
    let holdMs = 0;
    try {
      const ctx = await this.loader.load(request.chatDbId);
      if (!ctx || !ctx.chat.isEnabled) {
        return { status: 'skipped', reason: 'chat_gone' };
      }
      if (await this.alreadyDone(request)) {
        return { status: 'skipped', reason: 'turn_already_done' };
      }
      const speaker = ctx.candidates.find((c) => c.entity.id === request.botId);
      const target = ctx.history.find((m) => m.id === request.triggerMessageId);
      if (!speaker || !target) {
        if (target) {
          await this.schedule.expedite(ctx.chat.id, Date.now());
        }
        return { status: 'skipped', reason: speaker ? 'trigger_gone' : 'speaker_gone' };
      }
      const now = new Date();
      const tz = ctx.chat.timezone ?? settings.timezone;
      const rng = seededRng(`${request.turnKey}:${randomUUID()}`);
      const topics = ctx.chat.topics.length > 0 ? ctx.chat.topics : ['BIST'];
      const typingMs = await this.write(
        ctx,
        {
          mode: 'human_reply',
          action: 'reply',
          topic: topicsIn(target.text, topics)[0] ?? topics[0],
          length: 'short',
          mentionUsername: null,
          timeContext: localContext(now, tz),
          speakerReason: 'human_reply',
        },
        speaker,
        target,
        settings,
        request.turnKey,
        rng,
      );
      holdMs = typingMs + AFTER_SEND_MARGIN_MS;
      return { status: 'done', action: 'human_reply', speaker: speaker.entity.id };
    } catch (error) {
      if (!(error instanceof LlmError)) {
        throw error;
      }
      this.logger.warn(`human reply in chat ${request.chatDbId} skipped: LLM ${error.kind}`);
      await this.schedule.expedite(request.chatDbId, Date.now());
      return { status: 'skipped', reason: `llm_${error.kind}` };
    } finally {
      await this.pendingHuman.release(request.chatDbId, request.triggerMessageId ?? 0, holdMs);
    }
  }

  private async react(
    ctx: TurnContext,
    plan: TurnPlan,
    speaker: CandidateBot,
    target: HistoryMessage | null,
    turnKey: string,
    rng: Rng,
  ): Promise<number> {
    if (!target?.telegram_message_id) {
      return 0;
    }
    const choice = pickReaction({
      text: target.text,
      signatureEmoji: speaker.planner.emotion.signature_emoji,
      rng,
    });
    if (!choice.emoji) {
      return 0;
    }
    await this.record(ctx, speaker, target, MessageKind.Reaction, choice.emoji, {
      turn_key: turnKey,
      action: 'reaction',
      topic: plan.topic,
      mood: choice.mood,
    });
    return 0;
  }

  private async write(
    ctx: TurnContext,
    plan: WriteSpec,
    speaker: CandidateBot,
    target: HistoryMessage | null,
    settings: SettingsValues,
    turnKey: string,
    rng: Rng,
  ): Promise<number> {
    const view = await this.loader.botView(speaker);
    const length = plan.length;
    const refreshDue = await this.personaRefresh.isDue(
      view.id,
      settings.persona_refresh_interval,
      settings.persona_refresh_minutes,
    );
    const input: PromptInput = {
      bot: view,
      mode: plan.mode,
      action: plan.action,
      topic: plan.topic,
      history: ctx.history,
      replyTarget: target,
      mention: plan.mentionUsername !== null,
      // Read from the cache only: feeds are fetched by the maintenance queue, never in a turn.
      news: plan.mode === 'group' ? await this.news.pickFor(plan.topic, rng) : null,
      length,
      timeOfDay: describeTime(plan.timeContext),
      personaRefreshDue: refreshDue,
      now: new Date(),
    };
    const built = buildPrompt(input);
    const demo = demoContextFromPrompt(input);
    const others = [...new Set(ctx.history.map((m) => m.speaker).filter((s) => s !== view.name))];
    const process = (text: string) =>
      postProcess(text, { botName: view.name, otherSpeakers: others, length });

    const chatRecent = ctx.history.slice(-CHAT_DEDUP_WINDOW).map((m) => m.text);
    let draft = await this.draft(
      view,
      speaker,
      built,
      demo,
      length,
      settings,
      turnKey,
      process,
      chatRecent,
      input,
    );
    // A member spoke while this was being written: the answer to them goes first (SPEC 7.9).
    if (plan.mode === 'group' && (await this.pendingHuman.isWaiting(ctx.chat.id))) {
      draft = 'human_message_pending';
    }
    if (typeof draft === 'string') {
      await this.recordSkipped(ctx, speaker, target, draft, {
        turn_key: turnKey,
        topic: plan.topic,
      });
      return 0;
    }
    let text = humanize(draft.text, view, {
      enabled: settings.humanization_enabled,
      imperfectionProbability: settings.natural_imperfections_probability,
      seed: turnKey,
    }).text;
    if (plan.mentionUsername && !text.includes(`@${plan.mentionUsername}`)) {
      text = `@${plan.mentionUsername} ${text}`;
    }
    const typing = planTyping(
      {
        text_length: text.length,
        setting_cps: settings.typing_speed_wpm,
        speed: view.speed,
        llm_elapsed_ms: draft.llmMs,
      },
      rng,
    );
    await this.record(ctx, speaker, target, MessageKind.Text, text, {
      turn_key: turnKey,
      action: plan.action,
      topic: plan.topic,
      symbols: symbolsIn(text),
      sentiment: analyzeSentiment(text).score,
      typing_ms: typing.wait_ms,
      model: draft.model,
      paraphrases: draft.paraphrases,
      guard_rewritten: draft.guardRewritten,
      speaker_reason: plan.speakerReason,
      ...(plan.mode === 'human_reply' && { human_reply: true }),
    });
    await this.loader.touchMemories(built.memoryIdsUsed);
    await this.personaRefresh.record(view.id, refreshDue);
    // Without the typing indicator the message goes out at once: the chat is not busy typing.
    return settings.typing_enabled ? typing.wait_ms : 0;
  }

  /** Generates, post-processes, dedups and guards; a string is the reason to drop the turn. */
  private async draft(
    view: BotView,
    speaker: CandidateBot,
    built: ChatPrompt,
    demo: DemoContext,
    length: LengthCategory,
    settings: SettingsValues,
    seed: string,
    process: (text: string) => ReturnType<typeof postProcess>,
    chatRecent: readonly string[],
    input: Pick<PromptInput, 'mode'>,
  ): Promise<Draft | string> {
    const generate = (
      kind: GenerationKind,
      prompt: ChatPrompt,
      extra: Partial<DemoContext>,
      n = 0,
    ) =>
      this.generator.generate({
        kind,
        botId: view.id,
        model: speaker.entity.llmModel,
        prompt,
        demo: { ...demo, ...extra },
        sampling: samplingFor(view.persona, view.emotion, kind, length),
        seed: `${seed}:${kind}:${n}`,
      });

    const first = await generate(
      input.mode === 'human_reply' ? 'human_reply' : 'message',
      built,
      {},
    );
    let llmMs = first.latencyMs;
    let processed = process(first.text);
    if (processed.dropped) {
      return `post_process_${processed.dropReason ?? 'dropped'}`;
    }
    let text = processed.text;
    let paraphrases = 0;

    if (settings.dedup_enabled) {
      const recent = [
        ...(await this.loader.recentTextsOf(view.id, settings.dedup_window_hours)),
        ...chatRecent,
      ];
      for (;;) {
        const check = findNearDuplicate(text, recent);
        if (!check.duplicate) {
          break;
        }
        if (paraphrases >= settings.dedup_max_attempts) {
          return 'duplicate';
        }
        paraphrases += 1;
        const avoid = [check.bestMatch ?? ''];
        const again = await generate(
          'paraphrase',
          buildParaphrasePrompt(view, text, avoid, length),
          { draft: text, avoid },
          paraphrases,
        );
        llmMs += again.latencyMs;
        processed = process(again.text);
        if (processed.dropped) {
          return `post_process_${processed.dropReason ?? 'dropped'}`;
        }
        text = processed.text;
      }
    }

    let guardRewritten = false;
    const stances = this.relevantStances(view.stances, demo.topic, text);
    if (settings.consistency_guard_enabled && stances.length > 0) {
      const verdictText = await generate(
        'consistency_check',
        buildConsistencyCheckPrompt(stances, text),
        {
          draft: text,
        },
      );
      llmMs += verdictText.latencyMs;
      const verdict = parseConsistencyVerdict(verdictText.text);
      if (verdict?.contradicts) {
        const rewrite = await generate(
          'rewrite',
          buildStanceRewritePrompt(view, text, stances, verdict.reason, length),
          { draft: text },
        );
        llmMs += rewrite.latencyMs;
        processed = process(rewrite.text);
        if (processed.dropped) {
          return `post_process_${processed.dropReason ?? 'dropped'}`;
        }
        text = processed.text;
        guardRewritten = true;
      }
    }
    return { text, llmMs, model: first.model, paraphrases, guardRewritten };
  }

  private relevantStances(
    stances: readonly StanceView[],
    topic: string | null,
    text: string,
  ): StanceView[] {
    const symbols = new Set(symbolsIn(text).map((s) => s.toUpperCase()));
    return stances.filter(
      (s) =>
        (topic !== null && s.topic.toLowerCase() === topic.toLowerCase()) ||
        symbols.has(s.topic.toUpperCase()),
    );
  }

  private async record(
    ctx: TurnContext,
    speaker: CandidateBot,
    target: HistoryMessage | null,
    kind: MessageKind,
    text: string,
    metadata: MessageMetadata,
  ): Promise<void> {
    const repo = this.ds.getRepository(Message);
    const message = await this.ledger.insertOncePerTurn(
      repo.create({
        botId: speaker.entity.id,
        chatDbId: ctx.chat.id,
        kind,
        text,
        replyToMessageId: target?.telegram_message_id ?? null,
        replyToDbId: target?.id ?? null,
        msgMetadata: metadata,
        state: MessageState.Planned,
      }),
    );
    if (!message) {
      this.logger.warn(`${String(metadata.turn_key)} already spoke (this run outlived its lock)`);
      return;
    }
    if (kind === MessageKind.Text) {
      // Before the send job exists, so that its settling cannot come first.
      await this.schedule.markInFlight(ctx.chat.id);
    }
    // The job id makes a second enqueue of the same message a no-op.
    await this.producer.enqueue(
      'send.deliver',
      { messageId: message.id },
      { jobId: jobIds.send(message.id) },
    );
  }

  private async recordSkipped(
    ctx: TurnContext,
    speaker: CandidateBot,
    target: HistoryMessage | null,
    reason: string,
    metadata: MessageMetadata,
  ): Promise<void> {
    const repo = this.ds.getRepository(Message);
    await this.ledger.insertOncePerTurn(
      repo.create({
        botId: speaker.entity.id,
        chatDbId: ctx.chat.id,
        text: '',
        replyToDbId: target?.id ?? null,
        msgMetadata: metadata,
        state: MessageState.Skipped,
        stateReason: reason,
      }),
    );
  }

  /**
   * True when this turn already recorded its message (only a retried run can find one). A row of
   * it still `planned` gets its send job again: the INSERT can commit while its answer is lost
   * (connection cut), so the first run failed before enqueuing and nothing else would ever send or
   * settle that row. The job id makes the enqueue a no-op when the job exists.
   */
  private async alreadyDone(request: TurnRequest): Promise<boolean> {
    if (request.firstRun) {
      return false;
    }
    const rows = await this.ds
      .getRepository(Message)
      .createQueryBuilder('m')
      .select(['m.id', 'm.state'])
      .where('m.chat_db_id = :chatDbId', { chatDbId: request.chatDbId })
      // `?` repeats the predicate of the partial unique index, so the lookup can use it.
      .andWhere(`m.msg_metadata ? 'turn_key' AND m.msg_metadata->>'turn_key' = :turnKey`, {
        turnKey: request.turnKey,
      })
      .getMany();
    for (const row of rows.filter((r) => r.state === MessageState.Planned)) {
      await this.producer.enqueue(
        'send.deliver',
        { messageId: row.id },
        { jobId: jobIds.send(row.id) },
      );
    }
    return rows.length > 0;
  }

  /**
   * The chat's next turn: the gap counts from now, the end of this turn, when its message exists
   * and its typing starts (counting from the turn's start would let a slow LLM call eat the gap
   * and the typing time, and the next turn would find the message still on its way).
   */
  private async scheduleNext(
    ctx: TurnContext,
    settings: SettingsValues,
    rng: Rng,
    busyForMs: number,
  ): Promise<void> {
    const now = new Date();
    const next = scheduleNextTurn(
      {
        now,
        tz: ctx.chat.timezone ?? settings.timezone,
        scale_factor: settings.scale_factor,
        prime_hours_boost: settings.prime_hours_boost,
        prime_hours: settings.prime_hours,
        bots: ctx.candidates.map((c) => c.planner),
        hourlyMax: settings.bot_hourly_msg_limit.max,
      },
      rng,
    );
    if (next.due_at === null) {
      await this.schedule.unschedule([ctx.chat.id]);
      return;
    }
    const earliest = now.getTime() + (busyForMs > 0 ? busyForMs + AFTER_SEND_MARGIN_MS : 0);
    await this.schedule.scheduleAt(ctx.chat.id, Math.max(next.due_at.getTime(), earliest));
  }
}
