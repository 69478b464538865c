// Choice options through commander: `.choices()` for one value; `choiceList` for a comma-separated
// list of them (--fail-on fail,warn), each item checked the same way. A bad value is commander's one
// line ("argument 'x' is invalid. Allowed choices are ..."), exit 2 (bin/cli.ts).
import { InvalidArgumentError, Option } from 'commander';

/** An option whose value must be one of `values`. */
export function choiceOption(flags: string, description: string, values: readonly string[]): Option {
  return new Option(flags, description).choices(values);
}

/** An argParser for a comma-separated list of choices: hands the text on unchanged once every item is allowed. */
export function choiceList(values: readonly string[]): (raw: string) => string {
  return (raw) => {
    const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
    if (items.length === 0) throw new InvalidArgumentError(`Give one or more of ${values.join(', ')}.`);
    const bad = items.filter((i) => !values.includes(i));
    if (bad.length > 0) throw new InvalidArgumentError(`${bad.map((b) => JSON.stringify(b)).join(', ')} ${bad.length > 1 ? 'are' : 'is'} not allowed. Allowed choices are ${values.join(', ')}.`);
    return raw;
  };
}
