// `node --import <this file> out/main/index.js`: the app's main process with 'electron' resolved
// to the stand-in (its bundle's URL comes in ELECTRON_STANDIN_MODULE, see launch.ts). Plain
// JavaScript: it runs before anything could compile TypeScript.
import { register } from 'node:module';

const electron = process.env.ELECTRON_STANDIN_MODULE;
if (!electron) throw new Error('ELECTRON_STANDIN_MODULE is not set');
register('./resolve-electron.mjs', import.meta.url, { data: { electron } });
