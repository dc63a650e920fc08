import { Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { HashRouter } from 'react-router';
import type { DeviceSession } from '../data/contract';
import { useData } from '../data/data-context';
import { EnrolScreen } from '../features/enrol/enrol-screen';
import { OperatorScreen } from '../features/enrol/operator-screen';
import { prefetchTownsUnder } from '../regions/region-client';
import type { StaffRef } from '../../shared/sync-protocol';
import { AppShell } from './app-shell';
import { rememberedOperator, rememberOperator } from './operator-store';
import { SessionContext, type SessionState } from './session-context';

/**
 * Enrolment → operator → app. The app shell only renders once the device
 * is enrolled and someone is at the window, so every screen inside can rely
 * on a session and an operator.
 */
export function SessionGate() {
  const data = useData();
  const [session, setSession] = useState<DeviceSession | null | undefined>(undefined);
  const [operator, setOperatorState] = useState<StaffRef | null>(null);
  const [loadError, setLoadError] = useState<Error | null>(null);

  useEffect(() => {
    let live = true;
    data.session().then(
      (s) => {
        if (!live) return;
        if (s) {
          const current = data.operator();
          const op = (current && s.staff.find((x) => x.id === current.id)) ?? rememberedOperator(s.staff);
          if (op) data.setOperator(op.id);
          setOperatorState(op ?? null);
        }
        setSession(s);
      },
      (e: unknown) => {
        if (live) setLoadError(e instanceof Error ? e : new Error('session: non-Error rejection'));
      },
    );
    return () => {
      live = false;
    };
  }, [data]);

  // Sync runs while the app is open and enrolled; the data layer pauses it when offline.
  useEffect(() => {
    if (!session) return;
    data.sync.start();
    // Warm the station's own streets/towns for offline use (service worker caches them).
    prefetchTownsUnder(session.regionCode).catch(() => undefined);
    return () => {
      void data.sync.stop();
    };
  }, [data, session]);

  const state = useMemo<SessionState | null>(
    () =>
      session && operator
        ? {
            session,
            operator,
            setOperator: (staffId: string) => {
              const op = session.staff.find((s) => s.id === staffId);
              if (!op) return;
              data.setOperator(op.id);
              rememberOperator(op.id);
              setOperatorState(op);
            },
          }
        : null,
    [data, session, operator],
  );

  // The error boundary shows it (database errors get the DB screen).
  if (loadError) throw loadError;
  if (session === undefined) return <Spin fullscreen />;
  if (session === null) return <EnrolScreen onEnrolled={setSession} />;
  if (!state) {
    return (
      <OperatorScreen
        session={session}
        onChoose={(staffId) => {
          const op = session.staff.find((s) => s.id === staffId);
          if (!op) return;
          data.setOperator(op.id);
          rememberOperator(op.id);
          setOperatorState(op);
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={state}>
      <HashRouter>
        <AppShell />
      </HashRouter>
    </SessionContext.Provider>
  );
}
