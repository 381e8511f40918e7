import type { FileOut } from './wire';

interface SaveFilePickerOptions {
  suggestedName: string;
  types?: { description: string; accept: Record<string, string[]> }[];
}
interface WritableFile {
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
type SaveFilePicker = (options: SaveFilePickerOptions) => Promise<{ createWritable(): Promise<WritableFile>; name: string }>;

export type SaveOutcome = { saved: true; name: string } | { saved: false; reason: 'cancelled' | 'unsupported' | 'failed' };

const EXTENSIONS: Record<string, string> = { 'application/xml': '.xml', 'text/csv': '.csv', 'application/json': '.json' };

/**
 * Saves bytes a command returned where the user picks, in the browser's own save dialog: the window has
 * no downloads and no file path of this machine, and the shell never writes the file itself.
 */
export async function saveFile(file: FileOut): Promise<SaveOutcome> {
  const picker = (window as unknown as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  if (picker === undefined) return { saved: false, reason: 'unsupported' };
  const extension = EXTENSIONS[file.mediaType];
  let handle;
  try {
    handle = await picker({ suggestedName: file.name, ...(extension ? { types: [{ description: file.mediaType, accept: { [file.mediaType]: [extension] } }] } : {}) });
  } catch (error) {
    return { saved: false, reason: (error as Error).name === 'AbortError' ? 'cancelled' : 'failed' };
  }
  try {
    const writable = await handle.createWritable();
    await writable.write(file.bytes);
    await writable.close();
    return { saved: true, name: handle.name };
  } catch {
    return { saved: false, reason: 'failed' };
  }
}
