import { api } from '../../api/client';

/**
 * Fetches a file through the API client (so that it comes in the interface's language, not the browser's)
 * and hands it to the browser as a download.
 */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const blob = await api.get<Blob>(path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
