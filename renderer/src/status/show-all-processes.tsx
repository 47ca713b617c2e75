// "Show all processes…" in the status bar: offered while other users' sockets show as owner
// unknown (the poll is not privileged) and main can ask for administrator rights here. One
// prompt starts the elevated agent for the session; the window itself keeps running as the
// person. Main decides everything; this only asks and says what happened.
import { useEffect, useState } from 'react';
import type { ElevationInfo } from '../../../shared/contract/agent';
import { callMain } from '../call-main';
import './show-all-processes.css';

export function ShowAllProcesses({ privileged }: { privileged: boolean }) {
  const [elevation, setElevation] = useState<ElevationInfo | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void callMain(() => window.portscope.getElevation()).then((info) => {
      if (live && info) setElevation(info);
    });
    return () => {
      live = false;
    };
  }, []);

  if (privileged || !elevation?.available) return null;

  const start = async () => {
    setWaiting(true);
    setNote(null);
    const result = await callMain(() => window.portscope.showAllProcesses());
    setWaiting(false);
    // 'started' needs no words: the rows gain their owners and the button goes.
    if (result && result.outcome !== 'started') setNote(result.message);
  };

  return (
    <span className="status-item ps-show-all" data-status="show-all">
      <button
        type="button"
        className="ps-show-all-button"
        disabled={waiting}
        title="Ask for administrator rights once, to see which program owns every connection. The window keeps running as you."
        onClick={() => void start()}
      >
        {waiting ? 'Waiting for the administrator prompt…' : 'Show all processes…'}
      </button>
      {note && <span className="ps-show-all-note">{note}</span>}
    </span>
  );
}
