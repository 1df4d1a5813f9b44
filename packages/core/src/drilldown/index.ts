export * from './explainReport.js';
export * from './explainRow.js';
export * from './renderCellExplanationText.js';
