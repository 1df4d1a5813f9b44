// The participant side (issue 4): events, rules and statistics. Filled in by the participants work.
export {};
