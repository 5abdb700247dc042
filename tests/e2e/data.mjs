// Test files the e2e tests upload, written here so each test is self-contained.

// A person-level file over three years and two municipalities: year, area, sex, education, age
// and a 0/1 outcome (home care), with enough people per group that no cell is suppressed.
export function goodCsv() {
  const lines = ['ar,kommun,kon,utbildning,alder,hemtjanst'];
  const educations = ['förgymnasial', 'gymnasial', 'eftergymnasial'];
  const ages = [34, 52, 66, 71, 78, 85, 91];
  let n = 0;
  for (const year of [2023, 2024, 2025]) {
    for (const kommun of ['1880', '1881']) {
      for (const kon of ['K', 'M']) {
        for (const [e, education] of educations.entries()) {
          for (const age of ages) {
            for (let i = 0; i < 10; i++) {
              n += 1;
              // More home care among the old, with less education, and a little over the years.
              const risk = age >= 65 ? 1 + (2 - e) + (age >= 80 ? 3 : 0) + (year - 2023) + (kon === 'K' ? 1 : 0) : 0;
              const care = (n * 7) % 10 < risk ? 1 : 0;
              lines.push(`${year},${kommun},${kon},${education},${age},${care}`);
            }
          }
        }
      }
    }
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

// The same shape, but line 4 has one field too many: the reader must refuse the whole file and
// name line 4.
export const badLine = 4;
export function badCsv() {
  return Buffer.from(
    [
      'ar,kommun,kon,utbildning,alder,hemtjanst',
      '2025,1880,K,gymnasial,70,1',
      '2025,1880,M,gymnasial,71,0',
      '2025,1880,K,eftergymnasial,72,0,7',
      '2025,1881,M,förgymnasial,80,1',
    ].join('\n') + '\n',
    'utf8',
  );
}

// Markup in a header and in category values: it must show as text, never run.
export function hostileCsv() {
  const lines = ['ar,kommun,"<img src=x onerror=""window.__xss=1"">",alder,hemtjanst'];
  for (let i = 0; i < 60; i++) {
    const group = i % 2 ? '<script>window.__xss=2</script>' : '"<b onmouseover=""window.__xss=3"">B</b>"';
    lines.push(`2025,1880,${group},${70 + (i % 5)},${i % 3 === 0 ? 1 : 0}`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

// A municipality of 400 persons and one of three (one with home care): the small one's cells break
// the disclosure rules.
export function smallAreaCsv() {
  const lines = ['kommun,kon,hemtjanst'];
  for (let i = 0; i < 400; i++) lines.push(`1880,${i % 2 ? 'K' : 'M'},${i % 6 === 0 ? 1 : 0}`);
  lines.push('1881,K,1', '1881,M,0', '1881,M,0');
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

// Upper-secondary eligibility by education in two municipalities: in 1880 40, 60 and 80 of 100
// from förgymnasial to eftergymnasial (so D = 80 − 40 = 40 percentage points, R = 2); in 1881 the
// förgymnasial group has two persons, so it is hidden and the measures that need it are undefined.
export function gradientCsv() {
  const lines = ['kommun,kon,utbildning,behorig'];
  const add = (kommun, utbildning, persons, eligible) => {
    for (let i = 0; i < persons; i++) lines.push(`${kommun},${i % 2 ? 'K' : 'M'},${utbildning},${i < eligible ? 1 : 0}`);
  };
  add('1880', 'förgymnasial', 100, 40);
  add('1880', 'gymnasial', 100, 60);
  add('1880', 'eftergymnasial', 100, 80);
  add('1881', 'förgymnasial', 2, 1);
  add('1881', 'gymnasial', 50, 25);
  add('1881', 'eftergymnasial', 50, 30);
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}
