// The frames of one page, as Electron's WebFrameMain reports them (the sender of an IPC message,
// the frame of a navigation), kept from the page's DevTools protocol events.
import type { CDPSession } from 'playwright-core';
import type { FrameSurface } from '../surface';
import { fromPageUrl, originOf } from './scheme-origin';

let nextFrameTreeNodeId = 1;

export class FrameStandIn implements FrameSurface {
  readonly frameTreeNodeId = nextFrameTreeNodeId++;
  /** The URL as Chromium has it (a mapped scheme appears as its https origin). */
  pageUrl = 'about:blank';
  name = '';
  parentId: string | null;
  private destroyed = false;

  constructor(
    private readonly tree: FrameTree,
    readonly cdpId: string,
    parentId: string | null,
  ) {
    this.parentId = parentId;
  }

  get url(): string {
    return fromPageUrl(this.pageUrl);
  }

  get origin(): string {
    return originOf(this.url);
  }

  get parent(): FrameStandIn | null {
    return this.parentId === null ? null : (this.tree.get(this.parentId) ?? null);
  }

  get top(): FrameStandIn | null {
    return this.tree.mainFrame;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
  }
}

interface CdpFrame {
  id: string;
  parentId?: string;
  url: string;
  urlFragment?: string;
  name?: string;
}

interface CdpFrameTree {
  frame: CdpFrame;
  childFrames?: CdpFrameTree[];
}

interface ExecutionContext {
  id: number;
  name: string;
  frameId: string;
}

export class FrameTree {
  private readonly frames = new Map<string, FrameStandIn>();
  private readonly contexts = new Map<number, ExecutionContext>();
  mainFrameId: string | null = null;

  get mainFrame(): FrameStandIn | null {
    return this.mainFrameId === null ? null : (this.frames.get(this.mainFrameId) ?? null);
  }

  get(id: string): FrameStandIn | undefined {
    return this.frames.get(id);
  }

  /** Follows the page's frames and execution contexts (Page and Runtime must be enabled). */
  async attach(cdp: CDPSession): Promise<void> {
    cdp.on('Page.frameAttached', ({ frameId, parentFrameId }) =>
      this.ensure(frameId, parentFrameId ?? null),
    );
    cdp.on('Page.frameNavigated', ({ frame }) => this.navigated(frame as CdpFrame));
    cdp.on('Page.navigatedWithinDocument', ({ frameId, url }) => {
      const frame = this.frames.get(frameId);
      if (frame) frame.pageUrl = url;
    });
    cdp.on('Page.frameDetached', ({ frameId, reason }) => {
      // 'swap' keeps the frame (it moves to another process); 'remove' ends it.
      if (reason === 'swap') return;
      this.frames.get(frameId)?.destroy();
      this.frames.delete(frameId);
    });
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      const aux = context.auxData as { frameId?: string } | undefined;
      if (!aux?.frameId) return;
      this.contexts.set(context.id, { id: context.id, name: context.name, frameId: aux.frameId });
    });
    cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) =>
      this.contexts.delete(executionContextId),
    );
    cdp.on('Runtime.executionContextsCleared', () => this.contexts.clear());
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: CdpFrameTree };
    const walk = (node: CdpFrameTree) => {
      this.navigated(node.frame);
      for (const child of node.childFrames ?? []) walk(child);
    };
    walk(frameTree);
  }

  private ensure(id: string, parentId: string | null): FrameStandIn {
    let frame = this.frames.get(id);
    if (!frame) {
      frame = new FrameStandIn(this, id, parentId);
      this.frames.set(id, frame);
    }
    if (parentId === null && this.mainFrameId === null) this.mainFrameId = id;
    return frame;
  }

  private navigated(cdpFrame: CdpFrame): void {
    const frame = this.ensure(cdpFrame.id, cdpFrame.parentId ?? null);
    frame.parentId = cdpFrame.parentId ?? null;
    if (frame.parentId === null) this.mainFrameId = cdpFrame.id;
    frame.pageUrl = cdpFrame.url + (cdpFrame.urlFragment ?? '');
    frame.name = cdpFrame.name ?? '';
  }

  /** The live execution context `id`, or undefined once it is gone (the frame navigated). */
  context(id: number): ExecutionContext | undefined {
    return this.contexts.get(id);
  }

  /** The context named `worldName` in `frameId` (the preload's world), if it exists now. */
  worldContext(frameId: string, worldName: string): number | undefined {
    for (const context of this.contexts.values()) {
      if (context.frameId === frameId && context.name === worldName) return context.id;
    }
    return undefined;
  }

  destroyAll(): void {
    for (const frame of this.frames.values()) frame.destroy();
    this.frames.clear();
    this.contexts.clear();
  }
}
