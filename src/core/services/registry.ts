// Every service the extension knows. A new service is one adapter file plus one line here.
import type { ServiceAdapter } from './serviceAdapter';
import { leadpingAdapter } from './leadping';
import { signeasyAdapter } from './signeasy';

export const SERVICE_ADAPTERS: readonly ServiceAdapter[] = [leadpingAdapter, signeasyAdapter];
