// The inmate's screens after the attract screen: one chunk, loaded apart from the first paint (see App.tsx).
export { PrecheckScreen } from './PrecheckScreen';
export { SignInScreen } from './SignInScreen';
export { SummaryScreen } from './SummaryScreen';
export { VisitsScreen } from './VisitsScreen';
