// Drives the VS Code workbench in the browser the way a person does: keyboard shortcuts, the quick
// open and command palette, and what the Problems panel, the editor and the status bar show.
import type { Page } from 'playwright-core';

export interface Problem {
  /** Absolute path of the file. */
  path: string;
  message: string;
  severity: 'error' | 'warning' | 'info';
  /** The diagnostic's code, e.g. "secure-logout/invalidate-session". */
  code: string;
  /** Source of the diagnostic, e.g. "secure-logout". */
  source: string;
  line: number;
  column: number;
  /** The panel shows the message shortened (an ellipsis): its text is wider than its cell. */
  messageCut: boolean;
}

/** Polls `read` until `accept` returns true, or throws with the last value seen. */
export async function waitFor<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Reads `read` every 100 ms for `durationMs`: for what must hold the whole time, not just eventually. */
export async function sample<T>(read: () => Promise<T>, durationMs: number): Promise<T[]> {
  const values: T[] = [];
  for (const end = Date.now() + durationMs; Date.now() < end; ) {
    values.push(await read());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return values;
}

const text = (value: string) => value.replace(/\u00a0/g, ' ');

export class Workbench {
  constructor(readonly page: Page) {}

  async waitUntilReady(): Promise<void> {
    await this.page.waitForSelector('.monaco-workbench .part.editor', { timeout: 60_000 });
    // The explorer lists the folder once the remote file system answers.
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  }

  /** Ctrl+P, type the path, Enter on the matching entry. Resolves with the time Enter was pressed. */
  async openFile(relativePath: string): Promise<number> {
    const fileName = relativePath.split('/').pop()!;
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relativePath);
    await waitFor(
      `quick open to list ${relativePath}`,
      () => this.page.locator('.quick-input-list .monaco-list-row').first().innerText().catch(() => ''),
      (row) => row.includes(fileName),
    );
    const pressedAt = Date.now();
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tab.active[aria-label^="${fileName}"]`).waitFor({ timeout: 15_000 });
    // Keys typed next must reach the editor, not the closing quick open.
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ timeout: 15_000 });
    return pressedAt;
  }

  /** Ctrl+Shift+P, type the command's title, Enter on the exact match. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('Control+Shift+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    // Usually the first row; a recently used command with a similar title may come before it.
    const rows = await waitFor(`the command palette to offer "${title}"`, () => this.paletteTitles(), (titles) => titles.includes(title));
    for (let row = 0; row < rows.indexOf(title); row++) await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /** The command titles the open command palette lists, in order. */
  private async paletteTitles(): Promise<string[]> {
    const rows = await this.page.locator('.quick-input-list .monaco-list-row').allInnerTexts().catch(() => []);
    return rows.map((row) => text(row).split('\n')[0]!.trim());
  }

  /**
   * Whether the command palette lists a command with exactly this title, after waiting a moment for
   * it; closes the palette. A command whose `enablement` is false is not listed.
   */
  async commandOffered(title: string): Promise<boolean> {
    await this.page.keyboard.press('Control+Shift+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    // The list fills as the palette filters; a missing command never appears.
    const offered = await waitFor(`the command palette to settle on "${title}"`, () => this.paletteTitles(), (rows) => rows.includes(title), 3_000).then(
      () => true,
      () => false,
    );
    await this.page.keyboard.press('Escape');
    await input.waitFor({ state: 'hidden' });
    return offered;
  }

  /** "Workspaces: Manage Workspace Trust", then its Trust button; resolves once Restricted Mode has ended. */
  async trustWorkspace(): Promise<void> {
    const restrictedModeItems = () => this.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count();
    await waitFor('the Restricted Mode status bar item', restrictedModeItems, (count) => count > 0, 5_000);
    await this.runCommand('Workspaces: Manage Workspace Trust');
    await this.page.locator('.workspace-trust-editor').getByRole('button', { name: 'Trust', exact: true }).first().click();
    await waitFor('Restricted Mode to end', restrictedModeItems, (count) => count === 0, 15_000);
    await this.runCommand('View: Close Editor');
  }

  /** The label of the active editor tab. */
  async activeTabLabel(): Promise<string> {
    const tab = this.page.locator('.tab.active').first();
    return (await tab.count()) === 0 ? '' : text((await tab.getAttribute('aria-label')) ?? '');
  }

  /** Ctrl+S in the active editor; resolves once the tab no longer shows unsaved changes. */
  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tab.active:not(.dirty)').waitFor({ timeout: 15_000 });
  }

  async showProblems(): Promise<void> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await this.page.locator('.markers-panel').waitFor({ state: 'visible' });
  }

  /**
   * The Problems panel's rows, parsed. Needs `"problems.defaultViewMode": "table"`: one row per
   * problem (the tree view adds rows for related information and soon scrolls them out of the DOM).
   */
  async problems(): Promise<Problem[]> {
    const rows = await this.page.locator('.markers-panel .markers-table-container .monaco-table-tr').evaluateAll((elements) =>
      elements.map((element) => ({
        icon: element.querySelector('.marker-icon')?.className ?? '',
        code: element.querySelector('.code')?.getAttribute('title') ?? '',
        message: element.querySelector('.message')?.getAttribute('title') ?? '',
        // The message sits in a highlighted label inside the table cell; any of them may clip it.
        // (No named functions in here: the bundler would wrap them in a helper the page lacks.)
        messageCut: [element.querySelector('.message')?.closest('.monaco-table-td'), ...Array.from(element.querySelectorAll('.monaco-table-td:has(.message) *'))].some(
          (node) => !node || node.scrollWidth > node.clientWidth + 1,
        ),
        file: element.querySelector('.file')?.getAttribute('title') ?? '',
        source: element.querySelector('.source')?.getAttribute('title') ?? '',
      })),
    );
    return rows.map((row) => {
      // "/abs/path/File.php [Ln 40, Col 9]" and "secure-logout (secure-logout/invalidate-session)"
      const file = /^(.*) \[Ln (\d+), Col (\d+)\]$/.exec(row.file);
      return {
        path: file?.[1] ?? row.file,
        line: Number(file?.[2] ?? 0),
        column: Number(file?.[3] ?? 0),
        code: /\(([^()]+)\)$/.exec(row.code)?.[1] ?? row.code,
        source: row.source,
        message: text(row.message),
        messageCut: row.messageCut,
        severity: /\berror\b/.test(row.icon) ? 'error' : /\bwarning\b/.test(row.icon) ? 'warning' : 'info',
      };
    });
  }

  /** Moves the cursor with Ctrl+G (line:column, 1-based) in the active editor. */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /** The titles in the open code action (Ctrl+.) menu, in order, without the group headers. */
  async codeActionTitles(): Promise<string[]> {
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
    // aria-label holds the title alone (the row also carries keybinding hints and a <style>).
    return rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
  }

  /**
   * Chooses an entry of the open code action menu with the arrow keys and Enter: the menu ignores
   * clicks until the mouse has moved over it, as it does for a person.
   */
  async chooseCodeAction(index: number): Promise<void> {
    for (let step = 0; step < index; step++) await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('Enter');
    await this.page.locator('.action-widget').waitFor({ state: 'hidden' });
  }

  /** The text of the active editor (all lines are visible for the small demo files). */
  async editorText(): Promise<string> {
    const lines = await this.page
      .locator('.editor-group-container.active .monaco-editor .view-lines .view-line')
      .evaluateAll((elements) =>
        elements
          .map((element) => ({ top: parseFloat((element as HTMLElement).style.top), text: element.textContent ?? '' }))
          .sort((a, b) => a.top - b.top)
          .map((line) => line.text),
      );
    return text(lines.join('\n'));
  }

  /** Text and tooltip (aria-label) of a status bar item, by the end of its id (`<extension>.<item id>`). */
  async statusBarItem(idSuffix: string): Promise<{ text: string; label: string }> {
    const item = this.page.locator(`.statusbar-item[id$="${idSuffix}"]`).first();
    if ((await item.count()) === 0) return { text: '', label: '' };
    return { text: text(await item.innerText()).trim(), label: text((await item.getAttribute('aria-label')) ?? '') };
  }

  /** The lines of an output channel, shown through the extension's "Show output" command. */
  async outputText(showCommandTitle: string): Promise<string> {
    await this.runCommand(showCommandTitle);
    const lines = this.page.locator('.part.panel .output-view .monaco-editor .view-lines .view-line, .part.panel .monaco-editor.output .view-line');
    await lines.first().waitFor({ state: 'visible', timeout: 10_000 });
    return text((await lines.allInnerTexts()).join('\n'));
  }

  /** The messages of the notification toasts on screen. */
  async notifications(): Promise<string[]> {
    return (await this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts()).map(text);
  }

  async dismissNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
  }
}
