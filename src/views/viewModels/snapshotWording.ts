// The one place where what a snapshot reports becomes words: each problem's sentence and short
// phrase, and the names of the counters and lists this release knows, in the person's language
// (l10n.t) with money and dates in their locale. Adapters store ids and values only; their
// English labels (and an older release's stored sentences) are shown only for ids not known here.
// No `vscode` import: tested in plain Node.
import * as l10n from '@vscode/l10n';
import type {
  AccountProblem,
  CreditCounter,
  DetailList,
  KnownProblemId,
  MoneyAmount,
  PeriodUsageLine,
  ProblemParams,
} from '../../core/model';
import { formatCount, formatDate, formatMoney } from './format';
import { pluralMessage } from './pluralForms';

export interface ProblemWordingContext {
  /** The service the problem belongs to, by its display name. */
  readonly serviceName: string;
  readonly locale?: string;
}

interface ProblemWording {
  /** The full sentence, or undefined when a value it needs is missing (data an older release stored). */
  readonly sentence: (params: ProblemParams, context: ProblemWordingContext) => string | undefined;
  /** Said instead when the values are missing and no stored sentence stands in: only for problems with values. */
  readonly withoutValues?: (context: ProblemWordingContext) => string;
  /** A few words for the service's line in the tree. */
  readonly phrase: () => string;
}

// Every known id must be worded (the Record's type checks it). Functions, not strings: l10n.t must
// run after activate() loaded the bundle, not when this module is imported.
const PROBLEM_WORDING: Readonly<Record<KnownProblemId, ProblemWording>> = {
  creditsExhausted: {
    sentence: ({ balance, envelopesLeft, graceEnvelopesLeft }, { locale }) => {
      if (balance !== undefined) {
        return l10n.t('No credit left ({balance}): paid actions such as messages and lookups cannot be paid for until credit is added.', {
          balance: money(balance, locale),
        });
      }
      if (envelopesLeft === undefined && graceEnvelopesLeft === undefined) return undefined;
      return l10n.t(
        'No envelope credits left, and the grace credits are used up too: requests that spend credits will fail (422) until credits are added.',
      );
    },
    withoutValues: () => l10n.t('No credits left: requests that spend credits will fail until credits are added.'),
    phrase: () => l10n.t('no credits left'),
  },
  belowRefillTrigger: {
    sentence: ({ balance, refillTrigger }, { locale }) =>
      balance === undefined || refillTrigger === undefined
        ? undefined
        : l10n.t(
            'The balance ({balance}) is below the auto-refill trigger ({trigger}), but auto-refill is off, so it will not be topped up.',
            { balance: money(balance, locale), trigger: money(refillTrigger, locale) },
          ),
    withoutValues: () => l10n.t('The balance is below the auto-refill trigger, but auto-refill is off, so it will not be topped up.'),
    phrase: () => l10n.t('low balance, auto-refill off'),
  },
  emailUnverified: {
    sentence: (_params, { serviceName }) =>
      l10n.t(
        'The email address is not verified: {service} API calls will not work until it is. Check your inbox for the verification email.',
        { service: serviceName },
      ),
    phrase: () => l10n.t('email not verified'),
  },
  accountNotActivated: {
    sentence: (_params, { serviceName }) => l10n.t('The {service} account is not activated yet.', { service: serviceName }),
    phrase: () => l10n.t('not activated'),
  },
  graceCreditsInUse: {
    sentence: ({ graceEnvelopesLeft }, { locale }) => {
      if (graceEnvelopesLeft === undefined) return undefined;
      const args = { count: formatCount(graceEnvelopesLeft, locale) };
      return pluralMessage(graceEnvelopesLeft, locale, {
        one: () =>
          l10n.t({
            message: 'Envelope credits are used up: requests now spend grace credits. {count} grace envelope left.',
            comment: 'plural: one',
            args: args,
          }),
        few: () =>
          l10n.t({
            message: 'Envelope credits are used up: requests now spend grace credits. {count} grace envelopes left.',
            comment: 'plural: few',
            args: args,
          }),
        many: () =>
          l10n.t({
            message: 'Envelope credits are used up: requests now spend grace credits. {count} grace envelopes left.',
            comment: 'plural: many',
            args: args,
          }),
        other: () =>
          l10n.t({
            message: 'Envelope credits are used up: requests now spend grace credits. {count} grace envelopes left.',
            comment: 'plural: other',
            args: args,
          }),
      });
    },
    withoutValues: () => l10n.t('Envelope credits are used up: requests now spend grace credits.'),
    phrase: () => l10n.t('using grace credits'),
  },
  subscriptionOverdue: {
    sentence: (_params, { serviceName }) =>
      l10n.t('The subscription payment is overdue. Update the payment method in {service}.', { service: serviceName }),
    phrase: () => l10n.t('payment overdue'),
  },
  subscriptionCanceled: {
    sentence: () => l10n.t('The subscription is canceled.'),
    phrase: () => l10n.t('subscription canceled'),
  },
  subscriptionPending: {
    sentence: () => l10n.t('The subscription is pending: it is not active yet.'),
    phrase: () => l10n.t('subscription pending'),
  },
  subscriptionCancels: {
    sentence: ({ cancelsAt }, { locale }) =>
      cancelsAt === undefined ? undefined : l10n.t('Subscription cancels on {date}.', { date: formatDate(cancelsAt, locale) }),
    withoutValues: () => l10n.t('The subscription is set to cancel.'),
    phrase: () => l10n.t('subscription ending'),
  },
};
// Looked up through a Map: an id from the data such as 'constructor' must not find Object.prototype.
const KNOWN_PROBLEMS: ReadonlyMap<string, ProblemWording> = new Map(Object.entries(PROBLEM_WORDING));

/**
 * The problem as a sentence. A known id is worded here; where its values are missing (a snapshot
 * cached by an older release, which stored the sentence instead) the stored sentence is shown, so
 * nothing it said is lost. An unknown id shows its stored sentence, or says that something is wrong.
 */
export function describeProblem(problem: AccountProblem, context: ProblemWordingContext): string {
  const wording = KNOWN_PROBLEMS.get(problem.id);
  const worded = wording?.sentence(problem.params ?? {}, context);
  return (
    worded ??
    problem.message ??
    wording?.withoutValues?.(context) ??
    l10n.t('{service} reports a problem Account Glance does not know ({id}).', { service: context.serviceName, id: problem.id })
  );
}

/** A few words for a problem whose id is known, for the place a person glances at; undefined for others. */
export function problemPhrase(id: string): string | undefined {
  return KNOWN_PROBLEMS.get(id)?.phrase();
}

/** "1 problem", "3 problems": for a service line whose worst problem has no phrase of its own. */
export function problemCount(count: number, locale?: string): string {
  const args = { count: formatCount(count, locale) };
  return pluralMessage(count, locale, {
    one: () => l10n.t({ message: '{count} problem', comment: 'plural: one', args }),
    few: () => l10n.t({ message: '{count} problems', comment: 'plural: few', args }),
    many: () => l10n.t({ message: '{count} problems', comment: 'plural: many', args }),
    other: () => l10n.t({ message: '{count} problems', comment: 'plural: other', args }),
  });
}

const COUNTER_LABELS: ReadonlyMap<string, () => string> = new Map([
  ['balance', () => l10n.t('Balance')],
  ['nextExpiringCredits', () => l10n.t('Expiring next')],
  ['autoRefillAmount', () => l10n.t('Auto-refill amount')],
  ['autoRefillTrigger', () => l10n.t('Auto-refill below')],
  ['envelopesAvailable', () => l10n.t('Envelopes available')],
  ['envelopesUsed', () => l10n.t('Envelopes used')],
  ['graceEnvelopesAvailable', () => l10n.t('Grace envelopes available')],
  ['graceEnvelopesUsed', () => l10n.t('Grace envelopes used')],
  ['documentCredits', () => l10n.t('Document credits')],
  ['signedFiles', () => l10n.t('Signed files')],
  ['importedFiles', () => l10n.t('Imported files')],
]);

/** A counter's name: in the person's language for the ids this release's adapters report, else as stored. */
export function counterLabel(counter: CreditCounter): string {
  return COUNTER_LABELS.get(counter.id)?.() ?? counter.label;
}

const LIST_LABELS: ReadonlyMap<string, () => string> = new Map([
  ['identities', () => l10n.t('Sign-in identities')],
  ['trustedFormCertificates', () => l10n.t('TrustedForm certificates')],
]);

/** A detail list's name, like counterLabel(). */
export function detailListLabel(list: DetailList): string {
  return LIST_LABELS.get(list.id)?.() ?? list.label;
}

// Leadping's usage channels (UsageChannel in its 2026 OpenAPI).
const USAGE_CHANNEL_LABELS: ReadonlyMap<string, () => string> = new Map([
  ['lead', () => l10n.t('Leads')],
  ['sms', () => l10n.t('SMS')],
  ['mms', () => l10n.t('MMS')],
  ['email', () => l10n.t('Email')],
  ['voice', () => l10n.t('Voice')],
  ['phone_number', () => l10n.t('Phone numbers')],
  ['warmup', () => l10n.t('Warm-up')],
  ['website', () => l10n.t('Website')],
  ['openai', () => l10n.t('AI (OpenAI)')],
  ['domain', () => l10n.t('Domains')],
  ['10dlc', () => l10n.t('10DLC registration')],
  ['payment', () => l10n.t('Payment fees')],
  ['connection', () => l10n.t('Connections')],
  ['automation', () => l10n.t('Automations')],
]);

/** A billing-period line's channel, like counterLabel(): the service's own name for channels not known here. */
export function usageLineLabel(line: PeriodUsageLine): string {
  return USAGE_CHANNEL_LABELS.get(line.id)?.() ?? line.label;
}

function money(amount: MoneyAmount, locale: string | undefined): string {
  return formatMoney(amount.amount, amount.currency, locale);
}
