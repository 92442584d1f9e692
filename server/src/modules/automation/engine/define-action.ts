import type { AutomationSettings } from '@voronka/common';
import type { z } from 'zod';
import type { AutomationRun } from '../../../db/types-automation.ts';
import type { Ctx } from '../../context.ts';
import type { DealRow } from '../../deals/deals.repo.ts';
import type { ParsedTrigger } from './parse-trigger.ts';
import type { AutomationRuntime } from './options.ts';
import type { PlaceholderModel } from './placeholders.ts';
import type { RobotSay } from './robot-texts.ts';

export type ActionContext = {
  /** The robot (user 0) in the deal's account; bound to the run's transaction for local actions. */
  ctx: Ctx;
  deal: DealRow;
  trigger: ParsedTrigger;
  run: AutomationRun;
  /** Fills {{deal.name}}-style placeholders; `html` escapes the values. */
  render: (template: string, opts?: { html?: boolean }) => string;
  /**
   * The deal, contact, company and responsible user as placeholders see them. Loaded only for
   * actions that declare `usesModel`, or when the trigger's parameters hold a `{{` template;
   * reading it otherwise throws.
   */
  model: PlaceholderModel;
  settings: AutomationSettings;
  /** The robot's phrase for the run's summary, in the account's language. */
  say: RobotSay;
  runtime: AutomationRuntime;
};

export type ActionResult = { summary: string; data?: Record<string, unknown> };

/**
 * An action of the digital pipeline: its parameters' schema (validated when a trigger is saved,
 * and the source of the editor's generated form) and one function. `external` actions leave the
 * process (email, SMS, HTTP): they run outside the database transaction and are retried with
 * backoff when they throw; local ones commit together with their run row, exactly once.
 */
export type ActionDefinition<I = unknown> = {
  type: string;
  external: boolean;
  /** Reads `model` itself (the contact's e-mail or phone, the deal's fields), beyond templates. */
  usesModel: boolean;
  input: z.ZodType<I>;
  execute: (input: I, actx: ActionContext) => Promise<ActionResult>;
};

export const ACTION_BRAND = Symbol.for('voronka.automation.action');

export function defineAction<S extends z.ZodType>(def: {
  type: string;
  external?: boolean;
  usesModel?: boolean;
  input: S;
  execute: (input: z.output<S>, actx: ActionContext) => Promise<ActionResult>;
}): ActionDefinition<z.output<S>> & { [ACTION_BRAND]: true } {
  // A schema's output type is what its parse returns; TypeScript cannot see that through S.
  const input = def.input as z.ZodType<z.output<S>>;
  return { external: false, usesModel: false, ...def, input, [ACTION_BRAND]: true };
}

/**
 * A failure that retrying cannot fix (bad parameters, a deleted stage): the run fails at once.
 * Any other error is taken as transient and retried.
 */
export class PermanentActionError extends Error {}
