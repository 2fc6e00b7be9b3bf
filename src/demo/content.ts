/**
 * Demo content seeded on an empty database (see `seed.ts`), so a new install
 * looks like a working newsroom: "The Outpost Dispatch", covering a war in the
 * fictional Republic of Velmora, whose eastern province of Kessar is partly
 * occupied by forces of the neighbouring Federation.
 *
 * Everything here is original, fictional writing. Places, people and events are
 * invented; any resemblance to real ones is coincidental.
 */

export interface DemoAuthor {
  email: string;
  name: string;
  bio: string;
}

export interface DemoTag {
  name: string;
  description: string;
}

export interface DemoArticle {
  title: string;
  slug: string;
  standfirst: string;
  bodyMarkdown: string;
  tags: string[];
  /** Indexes into `demoAuthors`, in byline order. */
  authorIndexes: number[];
  /** Publication age in whole days (negative: in the future, for a scheduled article). */
  daysAgo: number;
  /** Hour of the day (0–23, UTC) of publication. */
  hour: number;
  /** A file name from `demoAssets()`, served under /media/demo/. */
  coverImage?: string;
  coverAlt?: string;
  coverCaption?: string;
  coverCredit?: string;
  videoUrl?: string;
  status?: 'scheduled';
}

export const demoAuthors: DemoAuthor[] = [
  {
    email: 'mira.castell@outpost.example',
    name: 'Mira Castell',
    bio: 'Senior correspondent for The Outpost Dispatch, based in Kessar. She has covered the war in eastern Velmora from its first week, mostly from the towns along the Ostra river.',
  },
  {
    email: 'tomas.adler@outpost.example',
    name: 'Tomas Adler',
    bio: 'Investigations and energy editor. Before joining the Dispatch he spent eight years as a data reporter; he follows the money, the fuel and the paperwork behind the front line.',
  },
];

/** The tags the demo articles use, with a one-line description for tag pages. */
export const demoTags: DemoTag[] = [
  { name: 'Frontline', description: 'Reporting from the towns and villages along the line of contact in eastern Velmora.' },
  { name: 'Energy', description: 'The power grid, fuel and heating: how the war is fought over the lights.' },
  { name: 'Humanitarian', description: 'Civilians, evacuations, aid and the people who deliver it.' },
  { name: 'Investigations', description: 'Long-form reporting that follows documents, money and supply chains.' },
  { name: 'Explainers', description: 'Background and context: what is happening, and why it matters.' },
];

const MAP_ALT =
  'Map of the eastern front line along the Ostra river. Territory held by Federation forces is shaded red east of a thick dashed red front line, which runs south from the forests north of Haldra, touches the river at the Ostra bend and reaches the Gulf of Marel west of Pelyn. Ground taken in the past 30 days is hatched, mostly on the east bank at the bend. Kessar, Marel, Sevrin, Vorna, Haldra and Zarech are under Velmoran control; Dunvel, Tolva and Pelyn are occupied.';

export const demoArticles: DemoArticle[] = [
  {
    title: 'The Ostra bend: where the front line stands after a month of assaults',
    slug: 'ostra-bend-front-line-after-a-month-of-assaults',
    standfirst:
      'Federation forces have gained ground on the east bank of the river, but far less than either side claims. Our map shows the situation this morning, and how we drew it.',
    tags: ['Frontline', 'Explainers'],
    authorIndexes: [0, 1],
    daysAgo: 1,
    hour: 7,
    bodyMarkdown: `Four weeks after Federation forces began their push towards the Ostra, the front line east of Kessar has moved — but far less than the daily statements from both capitals suggest. Over the past ten days our correspondents travelled the length of the line, from the pine forests north of Haldra to the salt marshes above Marel, and spoke to commanders, medics, volunteers and the few civilians who remain.

## The map

![${MAP_ALT}](/media/demo/frontline-map.svg "Click to see the full-size map. Situation as of 06:00 on the day of publication. Map: Outpost Dispatch")

The hatched areas mark ground that changed hands in the past 30 days. Most of it lies in a single pocket on the east bank of the Ostra bend, where the river loops west before turning south towards the sea. Elsewhere the line has barely moved since the spring.

## What changed at the bend

The bend matters because of what sits behind it. Two road bridges and the last working rail crossing north of Marel are within artillery range of the east bank, and Velmoran units there have been holding a shallow strip of fields and farm buildings that protects them. In the past month that strip has shrunk to a few hundred metres in places.

> “They are not trying to cross the river yet. They are trying to make it impossible for us to stay on their side of it,” said a company commander who asked to be identified only by his call sign, Heron.

Both road bridges north of the bend are now down: one destroyed by a strike, the other blown by Velmoran engineers as they withdrew. Supplies to the east bank cross on pontoons at night.

## North: a quiet that is not quiet

Around Haldra the line runs through forest, and the fighting is slow and close. Drones have made daylight movement along the forest roads almost impossible for both sides. Haldra itself is still held by Velmoran forces, though the town's last civilians were evacuated a fortnight ago.

## South: the road to Zarech

South of the Lisk, the line bends east again, away from the river, across open farmland towards Tolva. Here the Federation's attacks have been frequent but costly, and our sources on both sides agree that little ground has changed hands. Zarech, a railway town of about 9,000 people before the war, is shelled most days but remains inhabited.

## How we made this map

- Positions are based on our own reporting at the front, cross-checked with local officials, soldiers and residents.
- We mark an area as taken only when at least two independent sources confirm it, or when it is visible in dated imagery.
- Where control is unclear, we say so rather than guess.
- We never publish the positions of Velmoran units, and we delay publication when a detail could endanger anyone.

We will update this map as the situation changes. Corrections and information from readers are welcome through the contact page.`,
  },
  {
    title: 'A night with the crews who rewire Kessar after every strike',
    slug: 'video-night-with-kessar-repair-crews',
    standfirst:
      'When the substations burn, a team of forty electricians goes out in the dark to bring the city back. We spent a shift with them.',
    tags: ['Energy', 'Frontline'],
    authorIndexes: [1],
    daysAgo: 1,
    hour: 19,
    videoUrl: 'https://www.youtube.com/watch?v=aqz-KE-bpKQ',
    bodyMarkdown: `The call comes at 02:40. A strike has hit a distribution substation on the northern edge of Kessar, and about 30,000 homes have lost power. Within fifteen minutes, the first of the city's emergency repair crews is on the road.

In this video report we follow one of those crews — six electricians, one truck and a thermos of coffee — through a single night shift.

## The work

Crew leader Ilse Varn has worked for the regional grid company for nineteen years. Before the war her team mostly dealt with storm damage and ageing cables. Now most of their work follows an air-raid siren.

> “The first thing is to make it safe. Then you make it work, even badly. Then, if they let you, you make it work properly,” she says, as the team waits for the all-clear before approaching the site.

Repairs happen in stages. Crews first isolate the damaged equipment, then reroute power through neighbouring lines so that hospitals, water pumps and heating plants come back first. Full repairs can take weeks, and depend on spare transformers that are increasingly hard to find.

## The risks

Three members of Kessar's repair crews have been killed since the war began, and eleven injured — most of them by a second strike on a site where a first had already landed. Crews now wait at a distance before moving in, which costs time that residents without heat or water notice.

What the crews carry on a typical call-out:

- a portable generator and floodlights, because the site is always dark
- insulated tools and protective suits rated for high voltage
- a first-aid kit with tourniquets, which every member is trained to use
- a radio tuned to the city's air-raid channel

## Back by morning

By 06:15 the lights are back on in most of the affected district. The substation itself will need a new transformer; until one arrives, the area will run on a patched connection that can carry only part of its usual load, which means scheduled outages for weeks.

Varn's team drives back to the depot, writes up the shift and goes home to sleep. The next call could come the same night.

*Video: Outpost Dispatch. Filmed with the permission of the regional grid company; some locations have been obscured for security reasons.*`,
  },
  {
    title: 'Why Kessar keeps going dark — and what would keep the lights on',
    slug: 'why-kessar-keeps-going-dark',
    standfirst:
      'The province’s grid was built for a different country and a different century. An explainer on where the power comes from, why it fails, and which fixes are actually within reach.',
    tags: ['Energy', 'Explainers'],
    authorIndexes: [1],
    daysAgo: 9,
    hour: 10,
    coverImage: 'cover-power-lines.svg',
    coverAlt: 'Silhouettes of high-voltage pylons and sagging power lines against an orange and violet dusk sky.',
    coverCaption: 'Transmission lines west of Kessar, which carry most of the province’s power from plants far from the front.',
    coverCredit: 'Illustration: Outpost Dispatch',
    bodyMarkdown: `For most residents of Kessar province, the war now has a daily rhythm set by the electricity schedule: a few hours on, a few hours off, and an app on every phone that says which is which. Here is why that happens, and what could change it.

## Where the power comes from

Before the war, the province produced more electricity than it used. A coal-fired plant at Dunvel, on the Lisk river, supplied roughly half of it, and a large hydroelectric dam upstream supplied most of the rest. Dunvel has been under Federation occupation for over a year, and the plant no longer sends power west. The dam is intact but its output is limited by the same lines that carry it.

Today almost all of the province's electricity arrives over three high-voltage lines from the west of the country. They cross open country, and they are easy to find.

## Why it fails

The grid is failing in three different ways at once:

1. **Strikes on substations.** Transformers are large, heavy and hard to replace. A single strike can cut power to a district for days.
2. **Lost capacity.** With Dunvel gone, there is no local reserve. When one of the three incoming lines is down, the other two cannot carry the full load, so operators cut supply in rotation.
3. **Old equipment.** Much of the network was installed before the 1990s. Spare parts for it are no longer made, and some are being taken from damaged sites to repair others.

## What would help

> “Nobody is going to rebuild this grid during the war. The question is how to make it fail in smaller pieces,” said a senior engineer at the regional grid company, who spoke on condition of anonymity because he is not authorised to talk to the press.

Engineers and analysts we spoke to point to three realistic steps. The first is small, dispersed generation — gas engines and solar with batteries at hospitals, water plants and schools — so that essential services no longer depend on a single substation. The second is a stock of spare transformers kept away from the front. The third is physical protection: concrete and mesh barriers around key equipment, which cannot stop a direct hit but can stop debris and fragments doing the damage.

## What it costs

The regional administration estimates the first two steps alone at around 140 million in the national currency over two years, roughly a third of its annual budget. So far, less than a tenth has been found, most of it from foreign donors. The rest of the plan, officials say, is waiting on a decision in the capital.

Until then, the schedule app stays on every phone.`,
  },
  {
    title: 'The last bus out of Haldra',
    slug: 'the-last-bus-out-of-haldra',
    standfirst:
      'For months, a retired schoolteacher drove a borrowed minibus into a town under fire to bring people out. On the final run, she brought out eleven people and two dogs.',
    tags: ['Humanitarian', 'Frontline'],
    authorIndexes: [0],
    daysAgo: 17,
    hour: 8,
    bodyMarkdown: `The minibus is white, or was. Its windows are taped in crosses, its side panels are dented by fragments, and a hand-painted sign on the windscreen reads “EVACUATION — CHILDREN”, although on most trips it carried pensioners. Vesna Hollin, 64, has driven it into Haldra and back about ninety times.

On the morning of her last run, she told us she had stopped counting.

## A town emptying slowly

Haldra had around 14,000 residents before the war. By the summer, it had fewer than 600. The regional authorities declared a mandatory evacuation for families with children, but for everyone else leaving remained a choice — and many chose to stay, in cellars and in flats with the windows boarded, close to their gardens and the graves of their families.

Hollin, who taught mathematics at Haldra's secondary school for thirty years, knew many of them by name. After the town's last bus service stopped, she asked a church in Kessar to lend her its minibus.

> “They would not leave with soldiers. They would not leave with strangers. Some of them would leave with their old teacher,” she said.

## The final run

We rode with her on her last trip, as the front line drew close enough that the road itself was under observation by drones. She left Kessar before dawn, drove the last twelve kilometres without lights, and stopped at four addresses she had been given by phone.

At the first, a couple in their eighties were waiting with three suitcases and a cat carrier. At the second, no one answered. At the third, a man said he was not ready and asked her to come back next week. She told him there would not be a next week. He came.

In all, eleven people and two dogs rode back to Kessar that morning. Nobody spoke much.

## What happens next

Most of the passengers went to a temporary shelter in a former sports school, where volunteers help them register for housing and payments. Some have relatives further west. Many do not.

For those arriving with nothing, the shelter's coordinator said, the most urgent needs are:

- medicines for chronic illness, since prescriptions were left behind
- warm clothing and bedding
- help with documents, many of which were lost or destroyed
- someone to talk to

Hollin is back in Kessar and has returned the minibus to the church. The evacuation of the remaining residents is now handled by the police and military, who go in only when conditions allow.

Asked whether she would go back, she shook her head, then corrected herself. “Not now,” she said. “After.”`,
  },
  {
    title: 'Where did the generators go? Tracing a missing aid shipment',
    slug: 'where-did-the-generators-go',
    standfirst:
      'Two hundred generators were donated to keep clinics running in the east. Our investigation found that fewer than half arrived, and that some were later offered for sale online.',
    tags: ['Investigations', 'Humanitarian'],
    authorIndexes: [1, 0],
    daysAgo: 26,
    hour: 12,
    coverImage: 'cover-convoy.svg',
    coverAlt: 'Silhouettes of a line of lorries on a dark road at night, headlights glowing through dust.',
    coverCaption: 'Aid convoys to the eastern districts travel at night. Dispatch reporters followed the paper trail of one shipment for three months.',
    coverCredit: 'Illustration: Outpost Dispatch',
    bodyMarkdown: `In the autumn, a group of foreign municipalities announced that it had bought 200 industrial generators for health clinics in Kessar province. The handover was photographed, the paperwork signed, and the lorries left a warehouse near the western border on schedule.

Three months later, the clinics that were meant to receive them told us they had counted 87.

## Following the paperwork

Over three months, we obtained delivery notes, customs declarations and warehouse records for the shipment, and spoke to drivers, clinic managers, local officials and two people involved in its distribution. We also compared serial numbers listed in the donation agreement with generators we found in use, in storage and for sale.

The records show the generators were split at a regional logistics hub in Sevrin, where they were reassigned from the original list of clinics to a new list drawn up by a private contractor. That contractor, a company registered six weeks before the donation, was appointed without a tender under emergency procurement rules.

## What we found

- **87 generators** reached clinics on the original list, and are in use.
- **41** went to other public buildings, including two administrative offices not named in the donation agreement.
- **Around 30** are in a warehouse in Sevrin, which officials say is a reserve for emergencies.
- **At least 9** have appeared in online advertisements, with matching model and serial numbers, for between two and three times their purchase price.
- The location of the rest is unknown.

> “We were told they were coming, then told they were delayed, then told we were not on the list any more,” said the director of a rural clinic near Zarech, which has run its operating theatre on a borrowed generator since the summer.

## The response

The contractor did not respond to detailed questions sent by email and registered post. Its registered address is a flat in Sevrin whose occupant told us she had never heard of the company.

The regional administration said it had opened an internal review after receiving our questions, and that “any misuse of humanitarian aid will be referred to prosecutors”. It said the warehouse reserve was deliberate and had been agreed with donors. Two of the donor municipalities told us they had not been informed of it.

## Why it matters

Aid diversion is not new in any war, and the amounts here are modest compared with the overall aid flowing into the province. But trust is one of the few things that keeps that aid flowing. Every donor we spoke to said they were watching how the authorities respond.

We will publish the full list of serial numbers and their known locations, with personal details removed, as a document alongside this report.`,
  },
  {
    title: 'Explainer: what the Lisk talks are — and are not — about',
    slug: 'explainer-what-the-lisk-talks-are-about',
    standfirst:
      'Delegations from Velmora and the Federation have met three times in a border town on the Lisk. Here is what is on the table, who is in the room, and why nobody is calling it a peace process.',
    tags: ['Explainers'],
    authorIndexes: [1],
    daysAgo: 38,
    hour: 9,
    bodyMarkdown: `Over the past few months, small delegations from Velmora and the Federation have met three times at a neutral venue near the upper Lisk, under the auspices of an international mediator. Both governments have been careful with their words. Here is what we know.

## What is being discussed

According to officials from both sides and from the mediator's office, the talks have covered a narrow agenda:

1. **Prisoner exchanges.** Two exchanges have taken place since the talks began, returning a total of 312 people to each side.
2. **The dam on the upper Lisk.** Both sides depend on it. The talks have explored whether international engineers could inspect it safely.
3. **Humanitarian corridors.** Specifically, safe passage for civilians leaving the towns closest to the front line, and for the bodies of the dead.

## What is not

Territory, security guarantees and the status of the occupied districts are not on the agenda, and both sides say they will not be. Velmora's government has said repeatedly that it will not negotiate over territory while its land is occupied. The Federation's position, set out in public statements, is that the current line reflects “realities on the ground”.

> “This is not a peace process. It is a process for making the war slightly less terrible for the people caught in it, and that is worth doing for its own sake,” said a diplomat with knowledge of the talks.

## Who is in the room

The delegations are led by deputy ministers, not ministers, and include military officers, humanitarian officials and technical experts on water and energy. The mediator's office sets the agenda after separate consultations with each side. No journalists are allowed in, and no joint statements have been issued.

## Why it matters to Kessar

For residents of the province, the most concrete question is the dam. If it were damaged, flooding along the lower Lisk and the Ostra would threaten Zarech and parts of Marel, and the province would lose one of its last local sources of power. Emergency services in both towns have already rehearsed evacuations.

## What to watch

- Whether the inspection of the dam actually takes place, and who is allowed to do it.
- Whether a third prisoner exchange is announced.
- Whether the talks move from deputy ministers to ministers — which officials on both sides say would be the first real sign of a broader negotiation.

We will keep reporting on the talks as details emerge. For now, the fighting continues regardless of them.`,
  },
  {
    title: 'The ferrymen who stayed on the Ostra',
    slug: 'the-ferrymen-who-stayed-on-the-ostra',
    standfirst:
      'With the bridges down, a handful of boatmen keep the villages on the east bank connected to the rest of the country — one crossing at a time.',
    tags: ['Frontline', 'Humanitarian'],
    authorIndexes: [0],
    daysAgo: 50,
    hour: 15,
    coverImage: 'cover-river-crossing.svg',
    coverAlt: 'A misty river at dawn with a low pontoon crossing, a treeline on the far bank and pale light on the water.',
    coverCaption: 'Morning on the Ostra south of the bend, where the last crossings to the east bank are made by boat and pontoon.',
    coverCredit: 'Illustration: Outpost Dispatch',
    bodyMarkdown: `At first light, Petro Lesk pushes his aluminium boat off the west bank of the Ostra and starts the outboard motor. The far bank is 180 metres away. The crossing takes two minutes, and he makes it between ten and twenty times a day.

Since both road bridges near his village were destroyed, Lesk and four other boatmen have become the main link between the west bank and the villages on the other side: bread and medicine going east, pensioners and the sick coming west.

## A river that was a road

Before the war, the Ostra was something people crossed without noticing. There were bridges every few kilometres, a ferry for tractors at harvest time, and children who swam across in summer for a dare. Now the east bank is within range of Federation artillery and drones, and the river has become a border in all but name.

About 1,300 people still live in the six villages on the east bank south of the bend, according to the local council. Most are elderly. Some have never lived anywhere else.

> “People say, why do they not leave? Because their cows are there, their husbands are buried there, and because leaving is also dangerous. I cannot decide for them. I can only take them across,” Lesk said.

## The rules of the crossing

The boatmen have developed their own rules, learned the hard way:

- No crossings when drones are heard overhead.
- No more than four passengers at a time, so the boat can turn quickly.
- Life jackets for everyone, including the dogs.
- Nothing that looks military on board — not even a camouflage jacket.

The local council pays for fuel. The boats are their own. One of the original six boatmen was killed in the spring when a drone struck his boat mid-river; his brother now makes the crossing in his place.

## A pontoon, sometimes

A military pontoon bridge downstream is opened to civilians for an hour on some mornings, when conditions allow. It is how larger loads — firewood, gas cylinders, the occasional wardrobe — reach the east bank. Nobody knows in advance which mornings it will be.

## How long

Asked how long he would keep going, Lesk looked at the water for a while. “As long as there is someone on the other side who needs to come back,” he said. Then he checked the sky, and pushed off again.`,
  },
  {
    title: 'Priced out of the cold: how fuel brokers profit from the blackouts',
    slug: 'how-fuel-brokers-profit-from-the-blackouts',
    standfirst:
      'As outages spread, the price of diesel for generators in Kessar has risen faster than anywhere else in the country. Our analysis of 4,000 price listings points to a small group of intermediaries.',
    tags: ['Investigations', 'Energy'],
    authorIndexes: [1],
    daysAgo: 64,
    hour: 11,
    bodyMarkdown: `When the power goes out in Kessar, the generators come on — in shops, bakeries, clinics and blocks of flats. And every generator needs diesel. Over the past year, the price residents and businesses pay for that diesel has risen by more than half, while the national average rose by less than a fifth.

## What we analysed

The Dispatch collected more than 4,000 price listings for diesel in Kessar province over twelve months: from filling stations, from wholesale bulletins and from advertisements placed by private sellers. We compared them with national prices and with the dates of major blackouts.

Three patterns stood out:

- Prices at independent sellers rose sharply within 48 hours of every major outage, and fell back only partly afterwards.
- Filling-station prices rose more slowly, but stations frequently ran out, pushing buyers towards private sellers.
- A large share of bulk deliveries to private sellers came from just three wholesale companies, two of which share a director.

## The intermediaries

Those three companies supply fuel that enters the province through a single rail terminal in Sevrin. Documents we obtained show that they were allocated priority slots at the terminal under emergency rules introduced after the first winter of the war, when the aim was to guarantee supplies to hospitals and water plants.

> “The rules made sense for a crisis that lasted a month. Nobody looked at them again once it lasted a year,” said a former official at the regional energy department, who helped write them.

The companies say they operate legally, pay their taxes and have kept supplies flowing when others could not. In a written response, the director of two of them said that higher prices reflected “the real cost and real risk of delivering fuel to a war zone”, including insurance and losses from strikes.

## Who pays

For households, the effect is direct: residents of blocks of flats that share a generator told us their monthly contribution had doubled. For small businesses, it is existential. A bakery owner in Marel showed us invoices on which fuel had become a larger cost than flour.

## What could change

Economists we spoke to suggested opening terminal slots to more suppliers by auction, publishing wholesale prices weekly, and giving priority allocations only to buyers with a public-service contract. The regional energy department said it was “reviewing the emergency framework” and would announce changes before the next heating season.

We will follow up on whether it does.`,
  },
  {
    title: 'In Marel, a port city learns to live with the sirens',
    slug: 'in-marel-a-port-city-learns-to-live-with-the-sirens',
    standfirst:
      'The front line is forty kilometres away. The cafés are open, the ferry still runs, and the children have a drill for everything.',
    tags: ['Humanitarian'],
    authorIndexes: [0],
    daysAgo: 83,
    hour: 9,
    coverImage: 'cover-skyline.svg',
    coverAlt: 'A stylised city skyline at dawn with cranes, apartment blocks with a few lit windows, and a plume of smoke rising from one building.',
    coverCaption: 'Marel’s harbour district. The port has kept working through the war, with shifts arranged around air-raid alerts.',
    coverCredit: 'Illustration: Outpost Dispatch',
    bodyMarkdown: `The first siren of the day in Marel usually sounds before breakfast. By the time it stops, the queue at the bakery on Harbour Street has barely moved. Nobody runs. A few people glance at their phones to see which way the threat is heading, and then go back to talking about the weather.

## A city that stayed

Marel sits at the mouth of the Ostra, on the Gulf, forty kilometres from the nearest point of the front line. Its port handled grain and timber before the war, and it still does, on a reduced scale. The city's population has shrunk by about a quarter, but it has also taken in thousands of people from the towns further east.

The result is a city that feels, at first, almost normal: the cafés on the seafront are open, the ferry to the coastal villages still runs on a timetable, and the municipal orchestra gives concerts in the basement of the theatre.

> “We made a decision, not officially, but all of us: the city would not close. If we close, what are we defending?” said the theatre's director, who has kept the season running with half her company.

## What has changed

Look more closely and the war is everywhere. Shop windows are boarded to head height. Every school has a shelter, and lessons move underground when the alert sounds. The hospital's top floors are empty; patients are treated below the third floor, where the walls are thicker.

Children have learned a vocabulary of their own. A nine-year-old we met at a playground near the port explained, without drama, the difference between the sound of air defence and the sound of an impact, and which one means you should lie down.

## The port

The port's director says it now works in shifts planned around alerts, with crane operators trained to secure their loads and leave the cab within two minutes. Insurance costs for ships calling at Marel have risen several times over, and fewer ships come. But the grain still goes out.

## The people who arrived

Around 20,000 displaced people have registered in Marel, many from Tolva and Pelyn. A network of volunteer centres, most of them in church halls and former shops, provides:

- hot meals, twice a day
- legal help with housing and lost documents
- psychological support for children and adults
- a place to charge phones and sit in the warm during outages

Asked what the city needed most, a volunteer at one centre said: “The same as everyone. For it to end. Until then, more of the same.”`,
  },
  {
    title: 'Three months on the Ostra: what our reporting has shown',
    slug: 'three-months-on-the-ostra-what-our-reporting-has-shown',
    standfirst:
      'A look back at a quarter of reporting from the eastern front: the front line, the grid, the aid, and the people who have kept the province running.',
    tags: ['Explainers', 'Frontline'],
    authorIndexes: [0, 1],
    daysAgo: -2,
    hour: 8,
    status: 'scheduled',
    bodyMarkdown: `The Outpost Dispatch is a small newsroom: two reporters, an editor, a handful of freelancers and the readers who pay for all of it. Over the past three months we have published reports from every district of Kessar province that can still be reached. Here is what we have learned, and what we plan to do next.

## The front line has moved, but slowly

Our maps show a front that has shifted by a few kilometres at most, almost all of it in one place: the east bank of the Ostra bend. The Federation's latest offensive has not reached the river. But the ground it has taken puts the province's remaining bridges and rail crossing within range, and that has consequences far beyond the front.

## The grid is the second front

Our reporting on Kessar's power grid found a network that was never designed to be defended and is now being repaired with parts taken from itself. The fixes that engineers describe are modest and affordable. Most of them have not been funded.

> “Every time the lights come back, people forget the question of why they went out,” one grid engineer told us. We have tried not to forget it.

## The aid is real, and so are the gaps

Our investigation into a missing shipment of generators found that fewer than half reached the clinics they were meant for. The regional administration has since opened a review and suspended the contractor involved. We will report on its findings.

## The people

Above all, our reporting has been about people who chose to stay and work: the crews who rewire the city at night, the boatmen on the Ostra, the teacher who drove her old pupils out of Haldra, the theatre director in Marel who refused to close.

## What comes next

In the next three months we plan to:

- publish an updated front-line map every fortnight, with our method and sources
- follow up on the fuel-price investigation and the regional energy department's promised review
- report from the occupied districts, through residents and people who have recently left, with every precaution to protect them
- open more of our reporting to questions from readers, in live sessions with our correspondents

We can do this only because readers support us. If you value this work, please consider becoming a supporter. And if you have information we should know about, our contact page explains how to reach us safely.`,
  },
];
