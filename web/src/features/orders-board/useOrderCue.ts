import { useCallback, useEffect, useRef, useState } from "react";
import { titleWithBadge } from "./board";

/**
 * The new-order cue: a short WebAudio beep (only once the user has turned sound on — browsers
 * allow audio only after a gesture, so the AudioContext is made in that click), highlighted
 * cards, and the count of new orders in the tab's title.
 */
export function useOrderCue(baseTitle: string) {
  const audio = useRef<AudioContext | null>(null);
  const originalTitle = useRef(document.title);
  const [soundOn, setSoundOn] = useState(false);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [beeps, setBeeps] = useState(0);

  const beep = useCallback(() => {
    const ctx = audio.current;
    if (!ctx) return;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "sine";
    osc.frequency.value = 880;
    const t = ctx.currentTime;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.3, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.25);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + 0.3);
    setBeeps((n) => n + 1);
  }, []);

  /** Called from the click on "Turn sound on": creates (or resumes) the audio context in the gesture. */
  const enableSound = useCallback(() => {
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return;
    audio.current ??= new Ctor();
    void audio.current.resume();
    setSoundOn(true);
    beep();
  }, [beep]);

  const disableSound = useCallback(() => {
    void audio.current?.suspend();
    setSoundOn(false);
  }, []);

  /** New orders arrived: highlight them, ring once. */
  const announce = useCallback(
    (ids: string[]) => {
      setFresh((s) => new Set([...s, ...ids]));
      if (audio.current && audio.current.state === "running") beep();
    },
    [beep],
  );

  /** The shop has looked at (or acted on) an order: no longer new. */
  const acknowledge = useCallback((id: string) => {
    setFresh((s) => {
      if (!s.has(id)) return s;
      const next = new Set(s);
      next.delete(id);
      return next;
    });
  }, []);

  useEffect(() => {
    document.title = titleWithBadge(baseTitle, fresh.size);
  }, [baseTitle, fresh.size]);
  useEffect(() => {
    const original = originalTitle.current;
    return () => {
      document.title = original;
      void audio.current?.close();
      audio.current = null;
    };
  }, []);

  return { soundOn, enableSound, disableSound, fresh, announce, acknowledge, beeps };
}
