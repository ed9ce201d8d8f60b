import { Rule, errorBeyondDevelopment } from '../rule';

const DATABASE_PORTS: Record<number, string> = { 5432: 'PostgreSQL', 3306: 'MySQL', 6379: 'Redis', 27017: 'MongoDB', 9200: 'Elasticsearch' };

/** A database port reachable from outside the cluster. */
export const databasePortExposed: Rule = {
  id: 'database-port-exposed',
  summary: 'A NodePort or LoadBalancer Service exposes a database port (5432, 3306, 6379, 27017, 9200).',
  why: 'Databases reachable from nodes or the internet are a leading cause of data breaches; only the app should reach them, inside the cluster.',
  severity: errorBeyondDevelopment,
  check(model) {
    const findings = [];
    for (const service of model.services.filter(s => s.type === 'NodePort' || s.type === 'LoadBalancer')) {
      const port = service.ports.find(p => DATABASE_PORTS[p.port] !== undefined || (typeof p.targetPort === 'number' && DATABASE_PORTS[p.targetPort] !== undefined));
      if (port) {
        const number = DATABASE_PORTS[port.port] !== undefined ? port.port : port.targetPort as number;
        findings.push({ object: service, message: `exposes ${DATABASE_PORTS[number]} (port ${number}) as a ${service.type} Service`, fix: 'Use an InternalService for databases; connect from outside through a port-forward or a VPN' });
      }
    }
    return findings;
  },
};
