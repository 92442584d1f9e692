import {
  conditionsSchema,
  delaySchema,
  triggerWhenSchema,
  type Conditions,
  type Delay,
  type TriggerWhen,
} from '@voronka/common';
import { z } from 'zod';
import type { AutomationTrigger } from '../../../db/types-automation.ts';

export type ParsedTrigger = {
  row: AutomationTrigger;
  when: TriggerWhen;
  delay: Delay;
  conditions: Conditions;
  params: Record<string, unknown>;
};

const params = z.record(z.string(), z.unknown());

/** The JSON documents of a trigger row, parsed (they were validated when saved). */
export function parseTrigger(row: AutomationTrigger): ParsedTrigger {
  return {
    row,
    when: triggerWhenSchema.parse(JSON.parse(row.when_json)),
    delay: delaySchema.parse(JSON.parse(row.delay_json)),
    conditions: conditionsSchema.parse(JSON.parse(row.conditions_json)),
    params: params.parse(JSON.parse(row.action_json)),
  };
}
