import type { FörvaltningsberättelseAvsnitt } from '@finsam-ledger/core';
import { historyDraft, type HistoryDraft } from './historyDraft.js';

/**
 * The förvaltningsberättelse of Årsredovisning 2020 and of Årsredovisning 2022 as published:
 * PRINTED, section by section under the reports' own headings, every paragraph in the reports'
 * own words (spelling and typing slips included). 2021 has no published report among the
 * seeds, so it has no förvaltningsberättelse.
 *
 * - 2020: seed `003_6cc80d99e68021e3.txt`, "# 1. Förvaltningsberättelse", lines 89–353 (up to
 *   "# Ekonomisk redovisning").
 * - 2022: seed `000_059d9f817711b0c9.txt`, " 1.0 Förvaltningsberättelse", lines 92–681 (up to
 *   " 2. Ekonomiska resultat", which the report sets as a chapter of its own, beside the
 *   statements). The seed is extracted from a PDF: its lines break mid-sentence and words are
 *   hyphenated at line ends ("Arbets-/förmedlingens", "rehabiliterings/-insatser",
 *   "bidrags-beroende"). The paragraphs here join those lines and words again and make runs of
 *   spaces one space; nothing else is changed.
 *
 * How the reports' layout is carried by `avsnitt: [{ rubrik, stycken }]` (one level of
 * headings, one string per paragraph):
 *
 * - the avsnitt are the chapter's numbered headings (1.1–1.7) and the unnumbered headings that
 *   open the chapter (Organisation, Uppdrag, Finansiering, Verksamhetsidé och vision and, in
 *   2020, Övergripande långsiktigt mål); the chapter's own opening paragraph is under the
 *   chapter's heading as printed ("1. Förvaltningsberättelse", "1.0 Förvaltningsberättelse");
 * - a heading below a numbered one (På lokal nivå, Internkontroll, Målgrupper, Uppföljning och
 *   resultat för individinsatser, ...) is a paragraph of its own, before the paragraphs it heads;
 * - a list item is a paragraph of its own starting "• " (2020's Markdown "- " items and 2022's
 *   "•" and "" items), a nested item starts "– "; 2022's dashed goal items keep their "- ";
 *   bold and the Markdown markup are dropped;
 * - footnote marks are superscript digits (riskerar¹) and the footnotes are paragraphs at the
 *   end of the avsnitt that marks them ("¹ Individer som ...").
 *
 * Left out, because the ledger prints them from the books or they are pictures:
 *
 * - the tables of 1.1 Översikt över verksamhetens utveckling (2020 lines 148–155, 2022 lines
 *   197–212: intäkter, kostnader, resultat and personalresurser per year) and 2020's footnote 4
 *   on that table (line 169): the annual report prints the flerårsöversikt from the books
 *   (`HistoriskaÅrsuppgifterRegistrerade`, `PersonalresurserRegistrerade`);
 * - the pictures and their captions: 2020's "Fig. 1 Organisationsskiss" (line 193),
 *   "Kostnadsfördelning" (255) and the four charts of MIA and MIA Vidare (292–305); 2022's chart
 *   of the project's results (line 639, "20%") with its caption on what bold and parentheses
 *   show in it (641–642), and the page number (278).
 *
 * The driftredovisning and the statements are not in the chapter; the report prints them from
 * the books as well.
 */
export const förvaltningsberättelser: Readonly<
  Record<2020 | 2022, readonly FörvaltningsberättelseAvsnitt[]>
> = {
  2020: [
    {
      rubrik: '1. Förvaltningsberättelse',
      stycken: [
        'Årsredovisningen innehåller en översiktlig redogörelse av resultat och verksamhetsutveckling samt en redovisning av det ekonomiska utfallet för budgetåret 2020. Till redovisningen hör tre bilagor.',
      ],
    },
    {
      rubrik: 'Organisation',
      stycken: [
        'Samordningsförbundet är en fristående juridisk organisation med Arbetsförmedlingen, Försäkringskassan, Region Stockholms samt kommunerna Danderyd, Norrtälje, Täby, Vallentuna, Vaxholm och Österåkers kommun som medlemmar. Sätet är i Österåkers kommun. Förbundets organisation består av en styrelse som utses av medlemmarna. Till sin hjälp har styrelsen ett kansli och en beredningsgrupp bestående av tjänstemän från medlemmarna. Tjänstemännen har i uppdrag att verkställa styrelsens beslut om finansiering av strukturpåverkande- och individinriktade insatser inom förbundets geografiska område. För detaljer kring organisation se kapitel 1.4.',
      ],
    },
    {
      rubrik: 'Uppdrag',
      stycken: [
        'De verksamheter som förbundet finansierar ska komplettera myndigheternas ordinarie verksamhet. Verksamhetens ändamål är att i första hand verka för att individer med behov av samordnade rehabiliteringsinsatser ska få stöd att uppnå eller förbättra sin förmåga till egen försörjning och utökade möjligheter till ett självständigt liv. Samordningsförbundet ska även bidra till att skapa en struktur som underlättar att samverkan mellan medlemmarna fungerar över tid. Verksamheten ska främja metodutveckling och långsiktigt förstärka de ordinarie samverkansstrukturerna.',
        'Samordningsförbundet uppdrag enligt förbundsordningen är att :',
        '• Besluta om mål och riktlinjer för den finansiella samordningen.',
        '• Stödja samverkan mellan samverkansparterna.',
        '• Finansiera insatser som ligger inom parternas samlade ansvarsområde.',
        '• Besluta på vilket sätt de medel som finns för finansiell samordning ska användas.',
        '• Upprätta verksamhetsplan, budget och årsredovisning för förbundet.',
        '• Svara för uppföljning och utvärdering av rehabiliteringsinsatserna.',
        '• Besluta om förbundets arbetsordning.',
      ],
    },
    {
      rubrik: 'Finansiering',
      stycken: [
        'Förbundet finansieras via medlemsavgifter på 6 m.kr från medlemmarna. Försäkringskassan och Arbetsförmedlingen med hälften av medlen, regionen Stockholm med en fjärdedel och kommuner Danderyd, Norrtälje, Täby, Vallentuna, Vaxholm och Österåkers med resterande fjärdedel. Förbundet har ansökt och erhållit 3,49 m.kr från Europeiska socialfonden.',
      ],
    },
    {
      rubrik: 'Verksamhetsidé och vision',
      stycken: [
        'Samordningsförbundets verksamhetsidé är att vidareutveckla, och främja samverkan mellan medlemmarna och andra partners för att medborgare som behöver ett samordnat stöd ska få bättre förutsättningar till egen försörjning.',
        'Insatserna ska främjar målgruppen "människor som riskerar¹ långvarigt² bidragsberoende". Vid behov ska unga vuxna och nyanlända kvinnor prioriteras. Målet är att alla insatser som förbundet startar ska utgå från en behovsanalys, välformulerade SMARTA³ mål och innehålla en plan för uppföljning av insatsens effekt. Såväl stegförflyttning som egen försörjning ska uppmärksammas.',
        'Förbundets vision är att stärka individens förmåga till egen försörjning och ska arbeta utifrån värdegrunden:',
        '• Tilltro – till parterna och individerna',
        '• Individfokus – med utgångspunkt i medborgarens behov',
        '• Nyskapande – med öppenhet för inkluderande och kreativa lösningar',
        '• Gemensamt – samverkan för rätt insats',
        '¹ Individer som uppfyller något av följande: 55+ år, utan gymnasieutbildning, funktionsnedsättning',
        '² Med långvarigt menas mer än ett år',
        '³ Specifika, Mätbara, Acceperade, Realistiska, Attraktiva',
      ],
    },
    {
      rubrik: 'Övergripande långsiktigt mål',
      stycken: [
        '• Möjliggöra ny utveckling inom samverkansområdet rehabilitering',
        '• Bidra till samhällsekonomiska vinster.',
        '• Utveckla gemensam helhetssyn utifrån förbundets uppdrag och individens behov.',
        '• Vara till nytta för medborgarna i deras rehabilitering',
        '• Bidra till effektivare arbetssätt inom rehabiliteringsområdet',
      ],
    },
    {
      rubrik: '1.1. Översikt över verksamhetens utveckling',
      stycken: [
        'Samordningsförbundets intäkter består av medlemsavgifterna och sedan 2017 även intäkter från Europeiska socialfonden, som delfinansiering för individinsatserna MIA och MIA Vidare. Utöver intäkterna så finns ett överskjutande kapital från tidigare år och verksamheten budgeterades med ett underskott så även för 2020, med syfte att minska ner det överskjutande kapitalet från tidigare år.',
        '2019 anslöts ytterligare fyra kommuner till förbundet. Till hösten planerades individinsatser att starta liknande det pågående ESF finansierade MIA-projektet. Men för de nya kommunerna planerades den insatsen helt finansieras av förbundets medlemsavgifter, eftersom ESF sällan utökar pågående projekt. Efter dialog med socialfonden under 2019 kom de nya kommunerna att ingå i projektet och personalresursers ökade i individinsatsen. Den oväntad intäkt från socialfonden medförde ett ökat eget kapital.',
        'Verksamhetsplaneringen för 2020 budgeterade för att minska det egna kapitalet. När Coronapandemin på allvar bröt ut under mars 2020 fick verksamheten ställas om och en hel del planerad verksamhet ställdes in. Omställningen medförde att rekryteringar avvaktades samt att de timanställda i kansliet och i strukturinsatserna arbetade mindre medans man i individinsatserna ställde om och fortsatte arbeta i digital form eller i mindre konstellationer.',
      ],
    },
    {
      rubrik: '1.2. Viktiga förhållanden för resultat och ekonomisk ställning',
      stycken: [
        '2020 års resultat påverkades, som återkommande redovisas i samtliga delar i verksamhetsberättelsen, till stor del av Covid-19 pandemin. En annan viktigt förändring var att Projektet MIA avslutades innan sommaren och övergick i förlängningsprojektet MIA vidare.',
        'Tillskott av medel från Europeiska socialfonden innebär en större osäkerhet i budgeten. Anledningen är att ESF-medlen betalas ut i efterskott och baseras på den faktiska arbetstiden som medarbetare i verksamheterna redovisar. Det resulterar i att om projektmedarbetarna är frånvarande på grund av sjukdom eller om vakanser uppstår får Samordningsförbundet mindre medel än beräknat. Under året har medlen från ESF blivit 500 tk.r mindre än beräknade.',
      ],
    },
    {
      rubrik: '1.3. Händelser av väsentlig betydelse',
      stycken: [
        'Under året utökades Mia projektet i och med förlängningen till MIA vidare. Förlängningen innebär ytterligare projektpersonal samtidigt som förbundets kansli samlokaliseras med projektet. Detta medförde att projektloken utökades med ett lunchrum och tre arbetsplatser.',
        'Covid-19-pandemin har lett till stora samhällsutmaningar. För samordningsförbundet och dess insatser har det inneburit en utmaning och omställning i verksamheten. En snabb digitalisering har varit positiv, men det finns en oro för hur insatsernas kvalitet kan påverkas på sikt samt även att behovet av stöd på individnivå kommer att öka. Pandemin har bland annat medfört:',
        '• Merparten av mötena har genomförts digitalt med undantag av Styrelsesammanträdena där alla utom ett genomfördes med både digital närvaro och tillräcklig fysisk närvaro för att säkerställa styrelsen beslutsförmåga.',
        '• Till viss del har de nya mötesformerna medfört förbättringar. Men distansen utgör också en risk för minskad kvalitet inom förbundets olika samverkansarenor och i det operativa arbetet med medborgaren. Det upplevs inte långsiktigt hållbart. Förbundets verksamhet har varit flexibelt och har i möjligast mån försökt erbjuda både digitala och säkra fysiska möten.',
        '• Avvaktat med rekryteringar p.g.a. restriktioner, vilket försvårat rekryteringsarbetet och introduktion av nya medarbetare',
        '• Konsekvenserna under 2020 blev mindre än befarat, vad gäller både inflödet av deltagare och verksamhetspåverkan.',
      ],
    },
    {
      rubrik: '1.4. Styrning och uppföljning av verksamheten',
      stycken: [
        'Förbundets organisation består av en styrelse som utses av medlemmarna. Till sin hjälp har den ett kansli och en beredningsgrupp bestående av tjänstemän från medlemmarna som verkställer styrelsen beslut om finansiering av strukturpåverkande- och individinriktade insatser. Samordningsförbundets och styrelsens förvaltning granskas av revisorer för varje medlems räkning. Se figur 1.',
        'Samordningsförbundet har ingen egen anställd personal. Personalen i kansliet bestående av en förbundschef och en timanställd samordnare. Båda är anställda och utlånade från Österåkerskommun. Kansliet köper in ekonomiskt stöd genom Österåkers kommuns avtal. Kansliet är samlokaliserat med MIA projektets lokal i Täby kommun.',
        'Förbundets kansliverksamhet har till uppdrag att verkställa styrelsens beslut om mål, riktlinjer, arbetsordning, finansiering av insatser samt sköta förbundets ekonomiförvaltning och upprätta verksamhetsplan, budget och årsredovisning. Till sin hjälp har kansliet Beredningsgruppen.',
        'På lokal nivå',
        '• Beredningsgruppen har haft åtta sammanträden där befintliga insatser följts upp. Gruppen har sett över möjligheter till vidareutveckling och nya insatser inom förbundet. Förberett ärenden till styrelsen. Ett sammanträde i september var en gemensam delårsavstämning med Styrelsen där arbetat med kommande års verksamhetsplanering och budget påbörjas för att fortsätta arbetas med under hösten.',
        '• Styrelsen har genomfört fem styrelsesammanträden med bland annat beslut om arbetsordning och på vilket sätt förbundets medel ska användas, genom beslut som "Internkontroll", "Förlängningsprojektet MIA Vidare Roslagen", "Ytterligare medel till MIA VIDARE" och verksamhetsplan för kommande år.',
        '• Revisorerna, som är utsedda från Staten, Regionen och för kommunerna en gemensam revisor från Österåkerskommun. De har stöd av ett upphandlat revisorsbiträde från KPMG, granskad under våren Samordningsförbundets årsredovisning 2019. I oktober genomfördes ett sammanträde för planering inför granskning av 2020.',
        '• En medlemsdialog hölls den 12 november med representanter från medlemmarna.',
        '• Deltagit i nätverk för kommunernas arbetsmarknadsnätverk nordost, personligt ombud nordost., nätverk för kommunernas aktivitetsansvariga nordost.',
        'På länsövergripande nivå',
        '• Förbundscheferna i länet har samverkat genom kontinuerliga träffar sinsemellan för kunskapsutbyte och för att gemensamt driva den regionala utvecklingen av finansiell samordning. Ett presidiummöte för alla förbundens presidier genomfördes 26 oktober.',
        '• Förbundscheferna i länet ingår i styrgruppen för det länsövergripande Mia-projektet. Mias delprojektledare träffas i länsövergripande projektledarträffar.',
      ],
    },
    {
      rubrik: '1.5. God ekonomisk hushållning, måluppfyllelse och ekonomisk ställning',
      stycken: [
        'Uppföljning av verksamheten',
        'Förbundet ansvarar för att följa upp och utvärdera de av förbundet finansierade insatserna. Detta görs med nedanstående utvärderingsverktyg.',
        '• Intern uppföljning',
        'Förbundets ekonomiska läge följs kontinuerligt upp under året vid styrelsesammanträden samt mer fördjupat vid delårsavstämningen som genomförs efter kvartal 1-2 där även planering av kommande verksamhetsplanering påbörjas. Under 2020 beslutade styrelsen att anta en årlig internkontrollplan som beslutats i början av året och sen rapporteras nästkommande år.',
        '• Statens uppföljningssystem (SUS).',
        'Samordningsförbund ska redovisa alla insatser kopplade till en kostnad i statens uppföljningssystem. Förbundet registrerar antalet deltagare i de strukturella och i de operativa insatserna.',
        '• Indikatorsenkäter',
        'Nationella nätverket för samordningsförbund har tagit fram utvärderingsindikatorer för att mäta samverkan samt effekterna av förbättrad finansiell samordning. Instrumentet bygger på enkäter till deltagare, personal och styrgrupper i förbundets operativa insatser samt till förbundets styrelse.',
        '• Externa utvärderare',
        '– ESF projektet MIA utvärderas länsövergripande från våren 2019-maj 2020 av SWECO.',
        '– Effektstudie av individinsatsen MIA Roslagen- Projektet (2017-2020)',
        'Målgrupper',
        'Insatsverksamhet inom den finansiella samordningen ska avse individer som är i behov av samordnade rehabiliteringsinsatser och syftar till att deltagarna uppnår, eller förbättrar, sin förmåga till egen försörjning genom förvärvsarbete.',
        '• Huvudmålgrupp är medborgare (16-64 år) boende i någon av medlemskommunerna som behöver samordnat stöd från parterna för att komma vidare till arbete eller studier.',
        '• Sekundär målgrupp för förbundet är medlemsorganisationerna och dess tjänstemän. Insatser riktade till den sekundära målgruppen ska gynna huvudmålgruppen.',
        'Insatser',
        'Större delen av samordningsförbundets medel avsatta för insatser har under 2020 gått till operativa insatser, dvs insatser riktade direkt till medborgarna och deras behov av samordnad rehabilitering. De ekonomiska förhållningsriktlinjer från styrelsen är att de medel som riktar sig till insatsverksamhet ska fördelas med minst 70% till operativa individinsatser och 30% till strukturella insatser.',
        'Under 2020 bedrev Samordningsförbundet :',
        '• Två operativa individinsatser. 230 individer har deltagit i individinsatserna.',
        'Förbundet har under 2020 arbeta med projektet "MIA – Roslagen" och projektet "MIA-Roslagen vidare". Projekten är delfinansierade av Europeiska socialfonden och syftar till att testa ett arbetsätt, gynna en helhetssyn avseende deltagares behov och bidra till samhällsekonomiska vinster och så klart vara till nytta för medborgaren. För mer detaljer om projektet nästa sida eller se bilaga 1.',
        '• Fem strukturpåverkande insatser. Minst 170 personer har deltagit i insatserna.',
        'Målen med dessa insatser är att bidra till att utveckla samverkan, ett effektivare arbetsätt och en helhetssyn mellan medlemmarna. Förbundet har under 2020 arbetat med följande insatser: Arbetsgrupp SAMSUS , Vårddialog , Gemensamma forum, Digital Insatskatalog och Stödja utveckling av ASF. För mer detaljer om insatserna se bilaga 2.',
        'Uppföljning och resultat för individinsatser',
        'Målet för operativa insatserna är att de ska främja målgruppen "människor som riskerar långvarigt bidragsberoende" och de ska vara till nytta för medborgarna i deras rehabilitering samt gynna en helhetssyn mellan medlemmarna. För mer detaljer om projekten se bilaga 1.',
        '• Projekt MIA Roslagen - maj 2017-april 2020',
        'Mia projektet har pågått under flera år och avslutades under året 2020. Under 2020 hade projektet 82 deltagare. Av deltagare fortsatte 44 st till förlängningsprojektet MIA–Vidare, se nedan. Fördelningen med 54% kvinnor och 43% män samt 3% icke binära.',
        'Utvärdering avslutade MIA projektet (maj 2017-april 2020)',
        'Under hela projektet har 200 deltagare varav 56% kvinnor har deltagit i projektet med en genomsnittstid på 5-6 månader. Den vanligaste försörjningen vid inskrivning var sjukpenning (40%) och försörjningsstöd (27%).',
        'Mål och uppnådda resultat för MIA (maj 2017-april 2020)',
        '• 200 (mål 240) personer erbjuds insatser i projektet',
        '• 20% (mål 30%) av avslutade deltagare har en ökad egen försörjning genom arbete/studier',
        '• uppnått 34% (mål 40%) av projektets avslutade deltagare gjorde en stegförflyttning och påbörjade ordinarie arbetsförberedande insatser inom kommun eller Arbetsförmedlingen.',
        'Regionala projektet utvärderades av sweco. I en populär variant av projektutvärderingen framgår det att 54% av deltagarna närmades sig arbetsmarknaden eller började arbeta/studera. Förbundet genomförde hösten 2020 en extern effektutvärdering av projektet MIA Roslagen visades att de offentliga kostnaderna för deltagare i projektet minskade med 14%. Kombinationen av insatserna kurs, SE-coach och arbetsträning visade sig ge en god effekt. Läs mer i rapporter på förbundets och på regionala MIA hemsidor.',
        '• Projekt MIA –VIDARE Roslagen - juni 2020-dec 2020',
        'MIA projektet övergick till MIA vidare juni 2020. Under hösten har 97 myndighetsgemensamma samverkansteam med en deltagare genomförts varav 40% blev inskrivna i projektet. Per den 31 december har 108 individer totalt deltagit i projektet. Vid inskrivning hade 39% försörjningsstöd och 31% sjukpenning. Den 31 december var 96 deltagare aktiva.',
        'Mål och uppnått resultat (maj 2020- sept. 2022)',
        '• Att 330 (hittills 108 deltagare) personer erbjuds insatser i projektet till och med maj 2022.',
        '• Att minst 25 % av deltagare har en ökad egen försörjning genom arbete/studier',
        '• Att minst 30 % av projektets deltagare har gjort en stegförflyttning och kan delta i ordinarie arbetsförberedande insatser inom Arbetsförmedlingen eller kommunen.',
        '• Avvikelse',
        'Kommunens personal i de myndighetsgemensamma teamen bytes ofta ut men strukturen bestod och nya representanter tillträdde. Däremot fanns behov av löpande upplärning.',
        'Pandemin påverkade projektet på följande sätt:',
        '• Antalet myndighetsgemensamma team minskade pga. restriktioner från parterna och FHM som hindrade fysiska möten. Mötena ställdes sen om till att kunna genomföras digitalt.',
        '• Antalet kurser minskade, några ställdes in och under hösten ställdes två kurser om till digitala',
        '• Antalet arbetsträningsplatser ökade från det budgeterat på 1,2 mkr till 1,7 m.kr och styrgruppen noterade denna tendens redan efter sommaren och ansökte om ytterligare medel från samordningsförbundet beredningsgrupp/styrelse och fick ytterligare 500 tkr. beviljad under hösten. Men pandemin fortsatt och behovet visade sig större än prognostiserat.',
        'Uppföljning och resultat för Strukturövergripande insatser',
        'Målet för de strukturella insatserna utifrån verksamhetsplaneringen 2020 var att minst 100 tjänstemän/politiker från medlemsparterna har deltagit i någon form av informationsspridning och/eller kompetenshöjande insats samt att varje medlem har minst en insats beskriven i insatskatalogen. Under 2020 deltog minst 170 personer i information eller kunskaphöjande insats. För mer detaljer om insatserna se bilaga 2.',
        '• Arbetsgrupp SAMSUS har genomfört tre kunskaps forum för parter tjänstemän:',
        '– 6 maj FK/AF om arbete med sjukskrivna utan sjukpenning. (30 deltagare)',
        '– 13 nov Rehabiliteringskoordinator .(23 deltagare)',
        '– 13 nov forum om att motivera en medmänniska .(30 deltagare)',
        '• Vårddialog har haft fyra möten riktade till rehabiliteringskoordinatorer (totalt 25 deltagare)',
        '• Gemensamma forum för parter tjänstemän har anordnats vid fyra tillfällen',
        '– 15 sept Webbinarium "MIA VIDARE" (40 deltagare)',
        '– 7 okt Webbinarium "Arbetsintegrerande sociala företag" (4 deltagare)',
        '– 21 okt Webbinarium "Arbetsförmedlingen - Norrort (10 deltagare)',
        '– 23 nov Webbinarium "Våld i nära relationer (33 deltagare)',
        '• Stödja utveckling av Arbetsintegrerande sociala företag (ASF). Under hösten rekryterades en samordnare för att fortsätta utveckla samarbete och mellan MIA-projektet och ASF: en samt arbeta med att kompetenshöjande ASF:en. Det genomfördes fyra samarbetsmöten mellan MIA och ASF:en samt fyra kompetenshöjande insatser för ASF:en om kvalitén på arbetsträningsplatser som de tillhandahåller, ex inom jämställdhet. Sammanlagt deltog nio personer.',
        '• Digital Insatskatalog. Insatskatalogen samlar medlemmars insatser riktade mot återgång eller inträde på arbetsmarknaden. Roslagen har 56 lokala insatser registrerade i katalogen. Utöver dessa finns ytterligare 65 regionala insatser. Alla kommuner har minst två insatser registrerade. Snittet är sex insatser per kommun. Flest har Norrtälje med 14 insatser. Under året har katalogen använts av 68 unika personer.',
      ],
    },
    {
      rubrik: '1.6. Väsentliga personalförhållanden',
      stycken: [
        'Samordningsförbundet är inte egen arbetsgivare utan lånar in all sin personal från medlemsparterna som sen fakturerar förbundet de faktiska kostnaderna. Kansliet har en förbundschef på heltid samt en samordnare och ekonom som arbetar på timme. Ingen sjukfrånvaro registrerad i kansliet. Förbundschefen återgick heltid i tjänst i början av året efter en föräldraledighet och minskade ner till deltid (80%) under hösten. Tre dagar uttagna för vård av barn.',
      ],
    },
    {
      rubrik: '1.7. Förväntad utveckling',
      stycken: [
        'Pandemin fortsätter in i 2021 och kommer fortsätta påverka verksamheten. Pandemin kommer att ge en del bestående effekter i ex digitalisering och genomförande av distansmöten för förbundets olika grupper.',
        'Behovet av arbetsträningsplatser förväntas fortsätta och MIA vidare Roslagens styrgrupp kommer ansöka om ytterligare medel till arbetsträningsplatser även under 2021.',
        "Kartläggningen som genomförs varje vår kommer bli svårare 2021 då statistiken som ligger till grund för den är från 2019. Förbundets målgrupp har troligen påverkats av pandemin vilket inte återspeglar sig i 2019's statistik.",
      ],
    },
  ],
  2022: [
    {
      rubrik: '1.0 Förvaltningsberättelse',
      stycken: [
        'Årsredovisningen innehåller en översiktlig redogörelse av resultat och verksamhetsutveckling samt en redovisning av det ekonomiska utfallet för budgetåret 2022. Till redovisningen hör två bilagor.',
      ],
    },
    {
      rubrik: 'Organisation',
      stycken: [
        'Samordningsförbundet är en fristående juridisk organisation med Arbetsförmedlingen, Försäkringskassan, Region Stockholm samt kommunerna Danderyd, Norrtälje, Täby, Vallentuna, Vaxholm och Österåkers kommun som medlemmar. Sätet är i Österåkers kommun.',
        'Förbundets organisation består av en styrelse som utses av medlemmarna. Till sin hjälp har styrelsen ett kansli och en beredningsgrupp bestående av tjänstemän från medlemmarna. Tjänstemännen har i uppdrag att verkställa styrelsens beslut om finansiering av strukturpåverkande- och individinriktade insatser inom förbundets geografiska område. Se bilaga 1 organisationsskiss.',
        'Samordningsförbundet verkar utifrån Lagen om finansiell samordning av rehabiliteringsinsatser (2003:1210) och förbundsordningen som beslutats av Samordningsförbundets medlemmar. Lagens syfte är att ge möjligheter att utveckla samverkan lokalt inom rehabiliteringsområdet och samordna gemensamma insatser samt underlätta en effektiv resursanvändning',
      ],
    },
    {
      rubrik: 'Uppdrag',
      stycken: [
        'Verksamheten som förbundet finansierar ska komplettera myndigheternas ordinarie verksamhet och ändamålet är att i första hand verka för att individer med behov av samordnade rehabiliteringsinsatser ska få stöd att uppnå eller förbättra sin förmåga till egen försörjning och utökade möjligheter till ett självständigt liv. Samordningsförbundet ska även bidra till att skapa strukturella förutsättningar för att medlemmarna ska kunna samarbete bättre samverkan och en samverkan som fungerar över tid. Verksamheten ska främja metodutveckling och långsiktigt förstärka de ordinarie samverkansstrukturerna.',
      ],
    },
    {
      rubrik: 'Finansiering',
      stycken: [
        'Finansieringen av förbundet sker genom att likvida medel överförs från medlemmarna till Samordningsförbundet. Försäkringskassan står för statens samlade andel, alltså även Arbetsförmedlingens del. De sex kommunerna står gemensamt för en fjärdedel och Region Stockholm står för återstående fjärdedel av tilldelade medel. Medlemmarnas bidrag till verksamheten 2022 uppgick till 6 m.kr, vilket är samma nivå som föregående år. Genom att delta i det regionala samarbetet inom MIA-projektet, mottog förbundet dessutom drygt 3 m.kr i externa projektmedel från Europeiska Socialfonden (ESF).',
      ],
    },
    {
      rubrik: 'Verksamhetsidé och vision',
      stycken: [
        'Samordningsförbundets verksamhetsidé är att vidareutveckla, och främja samverkan mellan medlemmarna och andra partners för att medborgare som behöver ett samordnat stöd ska få bättre förutsättningar till egen försörjning. Vision är att stärka individens förmåga till egen försörjning. Såväl stegförflyttning som egen försörjning ska uppmärksammas. Arbetet i Samordningsförbundet utgår från organisationens värdegrund, som består av fyra hörnstenar :',
        '• Tilltro - till parterna och individerna',
        '• Individfokus- - med utgångspunkt i medborgarens behov',
        '• Nyskapande - med öppenhet för inkluderande och kreativa lösningar',
        '• Gemensam - samverkan för rätt insats',
      ],
    },
    {
      rubrik: '1.1. Översikt över verksamhetens utveckling',
      stycken: [
        'Kommentarer till tabellen',
        'Sedan 2017 har Samordningsförbundets intäkter förutom medlemsavgifter och även bestått av intäkter från Europeiska socialfonden , som delfinansiering för individinsatsen projektet MIA Vidare.',
        '2019 anslöts ytterligare fyra kommuner till förbundet som fick ta del av socialfondsmedel som ej var inräknad i budget. Den oväntade intäkten från socialfonden medförde ett ökat eget kapital. En av revisorerna återkommande synpunkter har sedan dess varit det höga egna kapitalet.',
        '2022 var det avslutande året på ett stort socialfondsprojekt med operativ individinriktning. Under året har personal i projektet/individinsatser succesivt trappats ner och minskat antalet personalresurser. Medfinansieringen från socialfonden minskades också i samband med att projektet minskade. Socialfondens finansiering av deltagarverksamheten i MIA avslutades oktober 2022 men förbundet fortsatte med deltagare verksamheten året ut finansierat av förbundet. Detta med syfte att minska det egna kapitalet. Det medförde att förbundets verksamhet 2022 gick med ett underskott på ca 2,1 mkr.',
      ],
    },
    {
      rubrik: '1.2. Viktiga förhållanden för resultat och ekonomisk ställning',
      stycken: [
        'Osäkerheten med medel från socialfonden',
        'Tillskott av medel från Europeiska socialfonden innebär en större osäkerhet i budgeten. Anledningen är att ESF-medlen betalas ut i efterskott och baseras på den faktiska arbetstiden som medarbetare i verksamheterna redovisar. Det resulterar i att om projektmedarbetarna är frånvarande på grund av sjukdom eller om vakanser uppstår får Samordningsförbundet mindre medel än beräknat.',
        'Utvecklingen på arbetsmarknaden',
        'Efter pandemin och utvecklingen av dyrare omkostnader i samhället har det varit svårt att bedöma läget på arbetsmarknaden och hur pandemin påverkar resultatet får vårt individprojekt MIA vidare och möjligheten för projektets målgrupp att etablera sig på arbetsmarknaden. Man kan tänka sig att förbundets målgrupp, som befinner sig allra längst ifrån arbetsmarknaden, får ännu tuffare att etablera sig på arbetsmarknaden då det blir större konkurrens om arbetstillfällena med en mer arbetsnära grupp som blivit arbetslös pga. pandemin. Samt att arbetsgivare på den öppna arbetsmarknaden på grund av ansträngt ekonomiskt läge har svårare att bistå med arbetsträning och anställning.',
        'Omorganiseringen av Arbetsförmedlingen',
        'Arbetsförmedlingen håller på att omorganisera sig och det är osäkert hur den nya organisationen förhåller sig till våra målgrupper och till förbundets verksamhet.',
      ],
    },
    {
      rubrik: '1.3. Händelser av väsentlig betydelse',
      stycken: [
        'Projektledare för projektet MIA Vidare avslutade sitt uppdrag i slutet av sommaren 2022. Det var för kort tid kvar av projektet för att rekrytera någon ny samtidigt som det var en särskilt viktig del av projektet när allt ska summeras och utvärderas. Förbundschefen hoppade in som projektledare den kvarvarande perioden och slutförde projektet. Detta medförde att en förstärkning av kansliet behövdes och förbundets ekonom utökade sitt uppdrag att även inkludera administrativa uppgifter i kansliet.',
      ],
    },
    {
      rubrik: '1.4. Styrning och uppföljning av verksamheten',
      stycken: [
        'Förbundets organisation består av en styrelse som utses av medlemmarna. Till sin hjälp har den ett kansli och förbundschef som verkställer styrelsens beslut om finansiering av strukturpåverkande- och individinriktade insatser. Förbundets förvaltning granskas av revisorer för varje medlems räkning. Personalen i kansliet består av en förbundschef, en timanställd samordnare/ekonomistöd samt digitalt stöd på deltid. Kansliet sitter samlokaliserat med MIA projektet i Täby kommun. Förbundets kansliverksamhet har till uppdrag att verkställa styrelsens beslut om mål, riktlinjer, arbetsordning, insatser samt sköta förbundets ekonomiförvaltning och upprätta verksamhetsplan, budget och årsredovisning Till sin hjälp har kansliet insatssamordnare, projektledare samt Beredningsgruppen som besår av tjänstemän tillsatta från medlemmarna. Se bilaga 1 organisationsskiss.',
        'På länsövergripande nivå',
        '• Förbundscheferna i länet har samverkat genom kontinuerliga träffar sinsemellan för kunskapsutbyte och för att gemensamt driva den regionala utvecklingen av finansiell samordning.',
        '• Länsövergripande projektet Mia vidare I projektet träffas projektets samarbetspartners regelbundet. Delprojektledare träffas i länsövergripande projektledarträffar.',
        'På lokal nivå',
        '• Beredningsgruppen har haft 5 sammanträden där insatser följts upp. Gruppen har sett över möjligheter till vidareutveckling och nya insatser samt förberett ärenden till styrelsen.',
        '• Styrelsen har genomfört 5 styrelsesammanträden med bland annat beslut om interna riktlinjer och hur förbundets medel ska användas, exempelvis under 2022 beslutades det att ansöka om socialfondsmedel för individverksamhet 2023.',
        '• Tre Revisor från medlemmarna granskar verksamheten tillsammans med ett revisorsbiträde.',
        '• Medlemsdialog genomförs varje år med representanter från medlemmarna där de lyfte målgruppen unga samt att förbundets verksamhet ska komplettera ordinarie verksamhet.',
        'Internkontroll',
        'Samordningsförbundet ska årligen genomföra en analys av risker som en naturlig del i styrningen och uppföljningen av verksamheten. För 2022 var fokus riktat på följande riskområden: Attest av fakturor , Uppföljning av internkontroll samt Dokumenthantering och arkivering.',
        'Uppföljning av verksamheten',
        'Förbundet ansvarar för uppföljning och utvärdering av upp målen och uppdrag. Detta genomförs genom nedanstående uppföljning.',
        '• Intern uppföljning',
        'En årlig internkontrollplan beslutas i början av året och rapporteras nästkommande år. Förbundets ekonomiska läge följs kontinuerligt vid styrelsesammanträden samt en större delårsrapport. Vid slutet av året sammanställs erfarenhet från respektive beslutad insats.',
        '• Statens uppföljningssystem (SUS)',
        'Samordningsförbund ska redovisa alla insatser kopplade till en kostnad i statens uppföljningssystem. I systemet registrerars antalet deltagare i de strukturella och i de operativa insatserna.',
        '• Indikatorsenkäter',
        'Nationella nätverket för samordningsförbund har tagit fram utvärderingsindikatorer för att mäta samverkan samt effekterna av förbättrad finansiell samordning. Instrumentet bygger på enkäter till deltagare, personal och styrgrupper i förbundets operativa insatser samt till förbundets styrelse.',
        '• Projektuppföljning via Aventus',
        'Projektet MIA vidare följer upp sin verksamhet med uppföljningsverktyget Aventus.',
      ],
    },
    {
      rubrik: '1.5. God ekonomisk hushållning, måluppfyllelse och ekonomisk ställning',
      stycken: [
        'Verksamhetsplan – uppdrag och mål för 2022',
        'I verksamhetsplanen för 2022 framgår att förbundet ska finansiera strukturpåverkande- och individinriktade insatser samt stödja samverkan mellan medlemmarna inom parternas ansvarsområde samt bidra till effektivare arbetssätt. De ekonomiska förhållningsriktlinjerna från styrelsen är att 2 m.kr och att de ska gå till administrativ verksamhet och av de kvarvarande medel ska fördelas med minst 70% till operativa individinsatser och 30% till strukturella insatser.',
        'Administrativ verksamhet planerades till en kostnad på 2.m.kr',
        '• Involvera medlemmarna',
        '• Kartlägga och analysera',
        '• Nätverka och samverka',
        '• Digitalt arbete',
        '• Medelutlysningar',
        '• Uppföljning och utvärdering av verksamhet och insatser',
        'Strukturpåverkande insatser planerades till en kostnad på 1,1 m.kr',
        '• Digital insatskatalog',
        '• Stöd ASF',
        '• SAMSUS',
        '• Vårddialog',
        'Operativ individinriktad insats till en verksamhetskostnad på 7,2 m.kr',
        '• Projektet MIA vidare.',
        '• Projekt efter MIA (nov-dec)',
        'Verksamhetens mål är att främja att gruppen ”människor som riskerar¹ långvarigt² bidragsberoende” och som är i behov av samordnade rehabiliteringsinsatser ska uppnå, eller förbättra, sin förmåga till egen försörjning genom förvärvsarbete.',
        '• Huvudmålgrupp är medborgare (16-64 år) boende i någon av medlemskommunerna som behöver samordnat stöd från parterna för att komma vidare till arbete eller studier.',
        '• Sekundär målgrupp för förbundet är medlemsorganisationerna och dess tjänstemän. Insatser riktade till den sekundära målgruppen ska gynna huvudmålgruppen.',
        'Läs mer i Budget och verksamhetsplanering 2022.',
        '¹ Individer som uppfyller något av följande: 55+ år, utan gymnasieutbildning, funktionsnedsättning',
        '² Med långvarigt menas mer än ett år',
        'Uppföljning och resultat för administrativ verksamhet',
        '• Involvera medlemmar, nätverka och samverkat',
        'Förbundet har genom flera sammanträden, informations- och nätverksmöten samt en workshop involverat medlemmarna i pågående aktivitet men också planering för framtida verksamhet. I planeringen kontaktade förbundet respektive kommuns arbetsmarknadsenhet och kommunala aktivitetsansvariga som har berörda verksamheter för att utöka samarbetet och samverkan.',
        '• Kartläggning och analys av behov',
        'Under våren genomförde förbundet den årliga kartläggning som är ett underlag för att stödja beredningsgruppen och styrelsen i arbetet med förbundets verksamhet. I kartläggningen framkom att strax under 5 900 medborgare boende i Stockholms nordost kommuner, som skulle kunna inkluderas i förbundets målgrupp.',
        'I dialog med parterna framkom bland annat behov av att kartlägga gränssnitt, att arbete med den yngre målgruppen som varken arbetar eller studerar, personer med missbruk och de som befinner sig allra längst ifrån arbetsmarknaden.',
        'På strukturell nivå önskades att förbundet utvecklar ännu bättre samarbete med medlemmars angränsande verksamhet. Operativt såg man gärna fortsatt insats som projektet MIA vidare framöver samt mer med metoder som Case manager, Bekraftelse Indikators projekt (BIP) och Individuell placement support (IPS). Samt ett ökat fokus på att rusta deltagare att ta del av ordinarie verksamhet.',
        'Se Kartläggnings och behovsanalys rapporten från 2022.',
        '• Digitala arbetet',
        'För att nå ut till tjänstemännen har förbundet en hemsida som visar de olika insatserna. Under året har hemsidan haft runt 200 besökare per månad och majoriteten under arbetstid. De mest besökta insatserna har varit Projektet MIA Vidare Roslagen samt vårt kalendarium för kommande forum.',
        '• Medelutlysningar',
        'Tillsammans med övriga förbund i Stockholms län undersöktes möjligheten till att ansöka om nya socialfondsmedel från 2023. Resulterade i att sju förbund lämnade in en gemensam ansökan.',
        '• Uppföljning och utvärdering',
        'Under hösten genomfördes fler utvärderingsaktiviteter i samband med att förbundet operativa individprojektet MIA vidare avslutades. Både regionala aktiviteter men även flera lokala utvärderingar, ex en socioekonomisk studie samt intervjuer /enkäter till projektdeltagare. Andra utvärderingar har även gjorts ex av Samordningsförbundets verksamhet genom nationella nätverket indikatorer m.m.',
        'Se lista över utvärderingar under kapitel 5. Bilagor och referenser.',
        'Uppföljning och resultat för Strukturövergripande insatser',
        '• Gemensamma forum för parters tjänstemän har det anordnats 12 tillfällen med forum eller utbildning. Målet var minst sex forum. Alla tillfällen har skett digitalt och teman har varit bland annat om förbundet verksamhet, Projektet Mia vidare samt utbildning om BIP³. Totalt har 205 deltagit i något av förbundets tillfälle, målet var minst 200 deltagare från medlemsparterna.',
        '• Arbetsgrupp SAMSUS som startade 2019 och bestod huvudsakligen av operativa handläggare som träffas och processar fram aktuella teman för kunskapsseminarier. Seminarierna var avsedda för tjänstemän som arbetar med den berörda målgruppen ”sjukskrivna utan sjukpenning”. Under året har gruppen träffats fyra gånger och arbetade fram en gränssnittskarta över när målgruppen ska söka stöd hos vilken part samt en processbeskrivning av samordnad rehabilitering. Under hösten genomfördes en uppföljning av föregående års kartläggning av målgruppen som visar på att gruppen minskar något samt att fler ansökningar har inkommit till Försäkringskassan om samordnad rehabilitering. Ovanstående presenterades vid ett forum i november. Under hösten beslutades styrelsen att insatsen skulle avslutas. Målgruppen kommer fortsätta uppmärksammas vid gemensamma forum och kommande individinsatser. För mer information se insatsens slutrapport.',
        '• Vårddialog',
        'Insatsen som varit igång sen 2016 hade ett syfte att utveckla samarbetet vårdgivare och informera om förbundet och pågående projekt som kan erbjudas på individnivå till deras patienter. I insatsen arbetade en samordnaren som genomförde dialog med regionens processledare för rehabiliteringskoordinatorer samt deltog i ett nätverksmöte för rehabiliteringskoordinatorer. Styrelsen beslutade under våren att insatsen skulle avslutas och absorberas in i förbundets kansliverksamhet. Se insatsens slutrapport.',
        '• Stödja utveckling av Arbetsintegrerade sociala företag (ASF).',
        'Insatsen har en samordnare som utvecklar samarbete och anordnar nätverksmöten mellan MIA-projektet och ASF:en. Samordnaren arbeta även med att kompetenshöjande ASF:en. Under året har samordnaren genomfört 7 samarbetsmöten mellan MIA och ASF:en samt 4 kompetenshöjande insatser för ASF:en om Horisontella Principer⁴, GDPR, Klarspråk och universell utformning av arbetsplatser (UUA). Sammanlagt har 35 personer deltagit i de kunskapshöjande aktiviteterna. Insatsen bedöms ha uppnått verksamhetsplaneringens mål.',
        'Under hösten 2021 startade ett nytt projekt ”stimulera etablering av nya ASF” som fortsatte under våren 2022. Resulterade i att det arbetsintegrerade socialt företag Spira startade i Danderyd januari 2022. Se separat slutrapport.',
        '• Digital Insatskatalog',
        'Insatskatalogen är ett digitalt verktyg och i den finns information om insatser som stödjer individer att närma sig arbetsmarknaden. De registrerade insatser arbetslivsinriktad rehabilitering som bedrivs av myndigheterna och övriga aktuella aktörer. Sökverktygets syfte är att göra det enklare för medarbetare hos medlemmarna och för personer som har behov av arbetslivsinriktat att hitta och få information om relevanta stödinsatser, oberoende av utförare. Antalet sökbara rehabiliteringsinsatser i de sex kommuner som utgör Samordningsförbundets uppdragsområde har under året ökat och uppgick 2022 till 109 lokala insatser (jmf med föregående år 79 st) som under året haft ca 86 användare (jmf med föregående år 118 st). Med anledning av den låga användningen har styrelsen beslutat att avveckla insatsen.',
        '³ Bekraftelse indikatorsprojektet',
        '⁴ Jämställdhet, icke diskriminering och tillgänglighet',
        'Uppföljning och resultat för individinsatser',
        'Målet för de operativa insatserna är att de ska främja målgruppen ”människor som riskerar långvarigt bidragsberoende”. Insatserna ska vara till nytta för medborgarna i deras rehabilitering samt gynna en helhetssyn mellan medlemmarna.',
        '• Projekt MIA VIDARE Roslagen - jan till dec 2022',
        'Projektet MIA vidare startade juni 2020 och planerades pågå till oktober 2022. Verksamheten fortsatte drivas av förbundet fram till 31 december. Roslagens delprojekt har under hela projekttiden haft strax över 300 deltagare varav projektet arbetade med 176 deltagare under 2022, av dessa var 76 inremitterade under 2022 (fg.år 125). Under projekttiden har deltagare kunnat delta i en eller flera insatser. Alla träffade initialt det myndighetsgemensamma samverkansteamet, nästan hälften har deltagit i en Förrehabliterande motiverande kurs samt att merparten har haft ett individuellt stöd genom metoden supported employment. Dessutom har strax under hälften arbetstränat hos arbetsintegrerade sociala företag samt att en tredjedel har arbetstränat hos arbetsgivare. För mer detaljer om projekten se bilaga 1. För mer information se utvärdering av det regionala projektet och det lokala projektet MIA vidare Roslagens. Se kapitel 5 för referenser .',
        'Avvikelser från verksamhetsplanering',
        'Personal - Under hela året har en succesiv nedtrappning av personal genomförts. Från i början av året 8 projektmedarbetare (exkl. kommunrepresentanter) till 4,5 medarbetare i december. I Augusti slutade Roslagens projektledare och förbundschef gick in i dess ställe.',
        'Projektperiod - MIA vidare förlängdes en månad till och med oktober.',
        'Det osynliga arbetet - Det myndighetsgemensamma teamet har stöttat 50 deltagare till rätt ordinarie verksamhet/insats.',
        'Mål och uppnått resultat för projektet.',
        'Redovisning nedan visar på hela projekttiden juni 2021 till oktober 2022 inkl. den förbundsdrivna avslutningen av verksamheten fram till december 2022. Inom parantes anges det som avser 2022.',
        'Målet var att',
        '- 300 personer erbjöds insatser i projektet . Resultatet blev 304 personer (159 under 2022)',
        '- 25% av deltagarna fick en ökad egen försörjning genom arbete/studier. Resultatet blev 13% (10% 2022)',
        '- 30% av deltagarna genomförde en steg förflyttning och startade en ordinarie arbetsförberedande insatser inom Arbetsförmedlingen eller kommunen. Resultatet blev 35% (39% under 2022)',
      ],
    },
    {
      rubrik: '1.6. Väsentliga personalförhållanden',
      stycken: [
        'Samordningsförbundet är inte egen arbetsgivare utan lånar in all sin personal från medlemsparterna som sedan fakturerar förbundet de faktiska kostnaderna. Kansliet har en förbundschef på heltid, en digital administratör på halvtid samt en samordnare/ekonomstöd som arbetar på timme.',
        'Insatserna lånar också personal från medlemmarna, främst från arbetsförmedling med 4 personal resurser, Österåker med 2,5 och Täby samt försäkringskassan som båda bidrar med en personal resurs var.',
      ],
    },
    {
      rubrik: '1.7. Förväntad utveckling',
      stycken: [
        'Nya socialfondsprojekt 2023',
        'Socialfondsprojektet MIA vidare avslutas i slutet av 2022 . Under hela 2022 har förberedelser pågått om en ny socialfondsmedelansökan. Arbetet har gjorts i samarbete med de övriga Samordningsförbunden i länet och resulterade i att förbunden tillsammans beviljades 90 m.kr till ett nytt operativt individinriktat projekt under perioden april/maj 2023 till mars 2026. Roslagens del blir 14,7 m.kr i socialfondsmedel.',
        'Ökad medlemsavgift 2024',
        'När förbundets egna kapital ligger långt under den nationella riktlinjen kommer förbundet påbörja processen under 2023 och föreslå att medlemmarna ökar medlemsavgiften med totalt 1 m.kr från 2024.',
      ],
    },
  ],
};

/**
 * The `FörvaltningsberättelseRegistrerad` of `year` (2020 or 2022), recorded on `recordedOn`:
 * the day the board adopted the annual report and closed the year (2021-03-17, 2023-03-22),
 * with the year's staffing, just before the close.
 */
export const förvaltningsberättelseDraft = (year: 2020 | 2022, recordedOn: string): HistoryDraft =>
  historyDraft('FörvaltningsberättelseRegistrerad', `forvaltningsberattelse-${year}`, recordedOn, {
    år: year,
    avsnitt: förvaltningsberättelser[year].map(({ rubrik, stycken }) => ({
      rubrik,
      stycken: [...stycken],
    })),
  });
