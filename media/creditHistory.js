// The Credit History page's only code (src/views/viewModels/historyChart.ts writes its markup):
// the range buttons ask the extension to render the page again for their range. The extension
// checks the message (isRangeMessage) and ignores anything else.
/* global acquireVsCodeApi, document */
'use strict';

const vscode = acquireVsCodeApi();
for (const button of document.querySelectorAll('button[data-days]')) {
  button.addEventListener('click', () => vscode.postMessage({ type: 'range', days: Number(button.dataset.days) }));
}
