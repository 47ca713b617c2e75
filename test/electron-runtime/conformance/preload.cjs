// The conformance app's preload: exposes one API of every kind the contextBridge documents
// (functions, promises, errors, nested data, cloneable values), and ipcRenderer calls.
/* global require -- the sandboxed preload's, handed to it by Electron */
/* eslint-disable @typescript-eslint/no-require-imports -- that require is how a preload gets Electron */
const { contextBridge, ipcRenderer } = require('electron');

let pushed = [];
ipcRenderer.on('pushed', (event, ...args) => {
  pushed.push({ args, senderIsIpcRenderer: event.sender === ipcRenderer });
});

contextBridge.exposeInMainWorld('fixture', {
  double: (x) => x * 2,
  echo: (value) => value,
  later: async (value) => value,
  rejects: async () => {
    throw new TypeError('rejected in the preload');
  },
  throws: () => {
    throw new TypeError('thrown in the preload');
  },
  callBack: (callback) => callback(21),
  keep: (callback) => {
    const first = callback;
    return (again) => again === first;
  },
  data: { list: [1, 2, { deep: true }], when: new Date(0), map: new Map([[1, 'one']]) },
  invoke: (...args) => ipcRenderer.invoke(...args),
  pushed: () => pushed,
  requireOther: () => {
    try {
      require('fs');
      return 'loaded';
    } catch (error) {
      return error.message;
    }
  },
});

try {
  contextBridge.exposeInMainWorld('fixture', {});
} catch (error) {
  contextBridge.exposeInMainWorld('secondExposeError', error.message);
}
