/** Hands text to the browser as a file download; nothing leaves the machine. */
export function downloadFile(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The click has started the download; the URL is not needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** This moment as a file-name-safe stamp for a download: "2026-11-23T10-02-00-000Z". */
export function fileStamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}
