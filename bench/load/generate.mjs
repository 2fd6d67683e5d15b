// Writes a generic-CSV inbox of N invitations to stdout: companies drawn from a Zipf distribution (a few large
// employers, a long tail of firms seen once), and one arrival in a hundred replaced by a flock of 3 to 6 colleagues
// of a small firm within a few hours. The same seed gives the same file.
const count = Number(process.argv[2] ?? 100_000);
let seed = Number(process.argv[3] ?? 6);
const random = () => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const first = ['Ada', 'Kim', 'Lee', 'Sam', 'Noor', 'Priya', 'Jonas', 'Mia', 'Paul', 'Ida', 'Lena', 'Omar', 'Zoe', 'Ravi', 'Ines', 'Tom', 'Yara', 'Ben', 'Chloe', 'Marek'];
const last = ['Fenwick', 'Ortega', 'Marsh', 'Oduya', 'Haddad', 'Raman', 'Wirth', 'Keller', 'Roth', 'Sommer', 'Vogt', 'Nasser', 'Quill', 'Iyer', 'Costa', 'Berg', 'Lind', 'Okafor', 'Dubois', 'Novak'];
const titles = ['Analyst', 'Consultant', 'Senior Associate', 'Account Executive', 'Recruiter', 'Engineer', 'Partner', 'Manager'];
const generic = ["I'd like to add you to my professional network on LinkedIn.", "I'd like to join your LinkedIn network.", ''];
const companies = 20_000;
const harmonic = Array.from({ length: companies }, (_, i) => 1 / Math.pow(i + 1, 1.1));
const cumulative = [];
harmonic.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
const total = cumulative[companies - 1];
const company = () => {
  const x = random() * total;
  let lo = 0, hi = companies - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < x) lo = mid + 1; else hi = mid;
  }
  return `Firm ${lo} ${last[lo % last.length]} & Co`;
};

const start = Date.UTC(2023, 0, 1);
const span = Date.UTC(2026, 9, 1) - start;
const csv = (text) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
const out = ['sender_name,sent_at,sender_headline,sender_company,sender_profile_url,message,network,external_id'];
let written = 0;
let sender = 0;
const row = (time, firm, message) => {
  sender++;
  const name = `${first[sender % first.length]} ${last[(sender * 7) % last.length]} ${sender}`;
  const title = titles[sender % titles.length];
  out.push([name, new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'), `${title} at ${firm}`, firm,
    `https://www.linkedin.com/in/sender-${sender}`, message, 'linkedin', ''].map(csv).join(','));
  written++;
};

while (written < count) {
  const time = start + Math.floor((written / count) * span) + Math.floor(random() * 3_600_000);
  if (random() < 0.01) {
    const firm = `Flock Firm ${written}`;
    const size = 3 + Math.floor(random() * 4);
    for (let i = 0; i < size && written < count; i++) {
      row(time + i * Math.floor(random() * 90 * 60_000), firm, generic[i % generic.length]);
    }
  } else {
    row(time, company(), random() < 0.3 ? generic[Math.floor(random() * 2)] : '');
  }
}

process.stdout.write(out.join('\n') + '\n');
