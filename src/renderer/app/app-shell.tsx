import {
  CalculatorOutlined,
  DiffOutlined,
  FileProtectOutlined,
  FormOutlined,
  RiseOutlined,
  SettingOutlined,
  SyncOutlined,
  TeamOutlined,
  WalletOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Layout, Menu, Select, Space, Typography, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { AppRoutes } from './app-routes';
import { useSession } from './session-context';
import { StatusBar } from './status-bar';

/** Menu key → route. Keys double as the nav-<key> test ids. */
const NAV_ROUTES = { register: '/register', persons: '/persons', topups: '/top-ups', lapsed: '/lapsed', coverage: '/double-coverage', packs: '/policy-packs', closeout: '/closeout', sync: '/sync', settings: '/settings' } as const;
type NavKey = keyof typeof NAV_ROUTES;

function selectedKey(pathname: string): NavKey {
  const hit = (Object.keys(NAV_ROUTES) as NavKey[]).find((k) => pathname.startsWith(NAV_ROUTES[k]));
  // A receipt is reached from a person's page: keep 人员查询 highlighted there.
  if (!hit && pathname.startsWith('/payments/')) return 'persons';
  // A conflict review is reached from 同步与冲突: keep it highlighted there.
  if (!hit && pathname.startsWith('/conflicts/')) return 'sync';
  return hit ?? 'register';
}

/** The frame: menu on the left, station and operator on top, status bar at the bottom. */
export function AppShell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { session, operator, setOperator } = useSession();

  const label = (key: string, text: string) => <span data-testid={`nav-${key}`}>{text}</span>;
  const items: MenuProps['items'] = [
    { key: 'register', icon: <FormOutlined />, label: label('register', t('nav.register')) },
    { key: 'persons', icon: <TeamOutlined />, label: label('persons', t('nav.persons')) },
    // Later features: shown so staff see where they will live, but not usable yet.
    { key: 'payments', icon: <WalletOutlined />, label: label('payments', t('nav.payments')), disabled: true, title: t('common.comingSoon') },
    { key: 'lapsed', icon: <WarningOutlined />, label: label('lapsed', t('nav.lapsed')) },
    { key: 'closeout', icon: <CalculatorOutlined />, label: label('closeout', t('nav.closeout')) },
    { key: 'topups', icon: <RiseOutlined />, label: label('topups', t('nav.topUps')) },
    { key: 'coverage', icon: <DiffOutlined />, label: label('coverage', t('nav.doubleCoverage')) },
    { key: 'packs', icon: <FileProtectOutlined />, label: label('packs', t('nav.packs')) },
    { key: 'sync', icon: <SyncOutlined />, label: label('sync', t('nav.sync')) },
    { key: 'settings', icon: <SettingOutlined />, label: label('settings', t('nav.settings')) },
  ];

  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Sider width={224} theme="dark" breakpoint="lg" collapsedWidth={64}>
        <div style={{ color: '#fff', padding: '16px 20px', fontSize: 16, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {t('app.title')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selectedKey(location.pathname)]}
          items={items}
          onClick={({ key }) => {
            if (key in NAV_ROUTES) void navigate(NAV_ROUTES[key as NavKey]);
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}
        >
          <Space size="small">
            <Typography.Text strong data-testid="header-station">
              {session.stationName}
            </Typography.Text>
            <Typography.Text type="secondary">{session.cityName}</Typography.Text>
          </Space>
          <Space>
            <Typography.Text type="secondary">{t('header.operator')}</Typography.Text>
            <Select
              data-testid="header-operator-select"
              style={{ minWidth: 140 }}
              value={operator.id}
              onChange={setOperator}
              options={session.staff.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, overflow: 'auto', display: 'flex', flexDirection: 'column' }}>
          <AppRoutes />
        </Layout.Content>
        <Layout.Footer style={{ padding: '8px 24px', background: '#fafafa', borderTop: '1px solid #f0f0f0' }}>
          <StatusBar />
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
