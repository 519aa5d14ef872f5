// The Credit History page's only code (src/views/viewModels/historyChart.ts writes its markup):
// the range buttons ask the extension to render the page again for their range. The extension
// checks the message (isRangeMessage) and ignores anything else.
/* global acquireVsCodeApi, document */
'use strict';

const vscode = acquireVsCodeApi();
// The new range arrives as a whole new page: the button that asked for it gets the focus back, so
// a keyboard user stays where they were instead of starting again from the top.
const focusedDays = vscode.getState()?.focusedDays;
vscode.setState({});
for (const button of document.querySelectorAll('button[data-days]')) {
  button.addEventListener('click', () => {
    vscode.setState({ focusedDays: button.dataset.days });
    vscode.postMessage({ type: 'range', days: Number(button.dataset.days) });
  });
  if (button.dataset.days === focusedDays) button.focus({ focusVisible: true });
}
