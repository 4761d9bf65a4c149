import { app, Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * Sets the application menu from Electron's standard roles. Reload and the developer tools are
 * left out of packaged builds: a reload drops the inspector's state, and the developer tools
 * would let anyone at the keyboard script the page and its API.
 */
export function installMenu(): void {
  const isMac = process.platform === 'darwin';
  const development: MenuItemConstructorOptions[] = app.isPackaged
    ? []
    : [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
      ];

  // Linux shows only what is set here; macOS and Windows fall back to the app's metadata.
  app.setAboutPanelOptions({ applicationName: 'Tessera', applicationVersion: app.getVersion() });

  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...development,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
