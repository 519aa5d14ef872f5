// The status-bar text as last painted, kept in globalState so the next start shows it at once:
// activate() paints this and nothing else, and the real render (settings, formatters, the
// tooltip) runs once activate() has returned and replaces it. Like the snapshot cache it holds
// names and amounts, never a token; it is read as untrusted, since any release may have written it.
import type { KeyValueState } from './serialState';

const LAST_GLANCE_KEY = 'accountGlance.lastGlance';
const LAST_GLANCE_VERSION = 1;
/** Longer than any glance this release paints; anything longer was not written by it. */
const MAX_TEXT_LENGTH = 1_000;
/** The item's background colours, as the glance's view model (GlanceView) names them. */
type GlanceBackground = 'none' | 'warning' | 'error';
const BACKGROUNDS: readonly GlanceBackground[] = ['none', 'warning', 'error'];

/** What start-up paints: no tooltip (it is Markdown with command links, and the real render brings it). */
export interface PaintedGlance {
  readonly text: string;
  readonly accessibilityLabel: string;
  readonly background: GlanceBackground;
}

/** What remember() reads of the item's view model: a GlanceView is one (storage sits below view models and names none). */
interface ShownGlance extends PaintedGlance {
  readonly visible: boolean;
  readonly undrawable?: true;
}

export class LastGlanceStore {
  private lastWritten: string | undefined;

  constructor(private readonly state: KeyValueState) {}

  /** The glance painted last time, if it reads as one; never throws. */
  read(): PaintedGlance | undefined {
    try {
      const stored = this.state.get(LAST_GLANCE_KEY);
      if (typeof stored !== 'object' || stored === null) return undefined;
      const { version, text, accessibilityLabel, background } = stored as Record<string, unknown>;
      if (version !== LAST_GLANCE_VERSION) return undefined;
      if (!isShortText(text) || !isShortText(accessibilityLabel) || !BACKGROUNDS.includes(background as GlanceBackground)) return undefined;
      return { text, accessibilityLabel, background: background as GlanceBackground };
    } catch {
      return undefined;
    }
  }

  /** Keeps what the item shows now (nothing when it is hidden or could not be drawn); writes only a change. */
  remember(view: ShownGlance): Promise<void> {
    const painted =
      view.visible && !view.undrawable
        ? { text: view.text, accessibilityLabel: view.accessibilityLabel, background: view.background }
        : undefined;
    const value = painted && { version: LAST_GLANCE_VERSION, ...painted };
    const serialized = JSON.stringify(value ?? null);
    if (serialized === this.lastWritten) return Promise.resolve();
    this.lastWritten = serialized;
    return Promise.resolve(this.state.update(LAST_GLANCE_KEY, value));
  }
}

function isShortText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT_LENGTH;
}
