package analysis

// The lexicons below are how families write about services, gathered
// from the way parents and carers put things rather than from a general
// sentiment word list: "had to fight", "chase", "left to cope" and
// "lifeline" carry more weight here than "bad" or "good". They live in Go
// rather than in the taxonomy file so that a forum replacing its taxonomy
// cannot lose sentiment or, worse, safeguarding by accident.
//
// Terms use the taxonomy's syntax: matched on stems, "=word" exact,
// CAPITALS case-sensitive.

// weighted is a group of terms that share a sentiment weight: positive
// for praise, negative for complaint, zero for a phrase that only stops a
// shorter one inside it from counting ("supported internship" is not
// praise, "good luck" is not an opinion).
type weighted struct {
	weight float64
	terms  []string
}

var sentimentLexicon = []weighted{
	{2, []string{
		"amazing", "brilliant", "fantastic", "excellent", "outstanding", "wonderful", "superb", "incredible", "marvellous",
		"fabulous", "exceptional", "phenomenal", "invaluable", "lifeline", "life saver", "lifesaver", "above and beyond",
		"couldn't have managed without", "could not have managed without", "couldn't have done it without",
		"could not have done it without", "wouldn't have got through", "would never have got through", "would not have got through",
		"can't fault", "cannot fault", "could not fault", "couldn't fault", "can't speak highly enough", "cannot speak highly enough",
		"can't thank", "cannot thank", "can't praise", "cannot praise", "second to none", "first class", "so grateful",
		"very grateful", "really grateful", "eternally grateful", "life changing", "life-changing", "transformed", "angel",
		"angels", "superstar", "nothing is too much trouble", "nothing was too much trouble", "nothing is too much", "leaps and bounds",
		"made a real difference", "made a huge difference", "made a massive difference", "made such a difference", "such a difference",
		"don't know how we would manage", "don't know what we would do without", "don't know where we would be without", "dread to think where we would be", "made all the difference", "godsend", "worth their weight in gold", "over the moon", "couldn't be happier", "could not be happier",
		"couldn't be better", "exceeded", "exceeded expectations", "blown away", "top notch", "saviour", "saved us", "saved my life",
		"went out of their way", "went out of her way", "went out of his way", "bent over backwards", "can't do enough", "couldn't do enough",
		"nothing but praise", "nothing but good", "nothing but positive", "nothing but kindness", "nothing but support",
		"changed his life", "changed her life", "changed my life", "changed our lives", "changed their lives",
		"changed our life", "game changer", "game-changer", "gamechanger",
		"keeping our family together", "keeps our family together", "keeps us going", "keeping us going", "keeps me going", "keeps me sane", "keeping me sane", "awesome", "delighted", "couldn't ask for more", "could not ask for more", "couldn't ask for better",
		"couldn't ask for a", "could not ask for a", "kept us going", "kept me going", "kept us sane", "kept me sane",
		"breath of fresh air", "walks on water", "weight in gold",
		"one in a million", "heart of gold", "a blessing", "couldn't have asked for", "could not have asked for", "couldn't wish for",
		"could not wish for", "highly enough", "highly recommend", "would highly recommend", "can't recommend them highly enough",
		"can't recommend her highly enough", "can't recommend him highly enough", "can't recommend it highly enough",
		"cannot recommend them highly enough", "cannot recommend her highly enough", "cannot recommend him highly enough",
		"can't recommend them enough", "can't recommend her enough", "can't recommend him enough",
	}},
	{1.5, []string{
		"star", "gem", "ace", "spot on", "thriving", "made a difference", "made a big difference", "big difference", "huge difference",
		"compassionate", "credit to", "on the ball", "went the extra mile", "extra mile", "excellent service", "so helpful",
		"so supportive", "really supportive", "very supportive", "really helpful", "very helpful", "fab",
		"chuffed", "champion", "turned things around", "turned it around", "turned his life around", "turned her life around",
		"out of his shell", "out of her shell", "flourishing", "flourished", "blossomed", "blossoming", "huge help", "massive help",
		"great help", "real help", "a big help", "big help", "=proactive", "dedicated", "passionate", "inclusive", "=appreciate",
		"=appreciated", "treated with respect", "night and day", "part of the family", "in a better place", "massive improvement",
		"big improvement", "huge improvement", "hero", "heroes", "perfect", "10/10", "five stars", "5 stars", "nothing to improve", "an asset", "a treasure", "adores", "adore", "adored",
		"fought for", "fights for", "fighting for", "battled for", "battles for", "stood up for", "stands up for",
		"spoke up for", "speaks up for", "advocated for", "advocates for", "fought our corner", "fought his corner",
		"fought her corner", "fights our corner", "in our corner",
		"legend", "diamond", "like family", "like a second family", "like one of the family", "work so hard", "works so hard",
		"worked so hard", "work really hard", "works really hard", "worked really hard", "working really hard",
		"work very hard", "works very hard", "hard working", "hard-working", "hardworking", "huge thanks", "massive thanks", "big thank you", "life is so much better", "so much calmer",
		"a rock", "our rock", "my rock", "his rock", "her rock", "an absolute rock", "held our hand", "holds our hand", "held my hand",
		"holding our hand", "ray of sunshine", "hats off", "worth every penny", "first rate", "first-rate", "top drawer", "gone to bat",
		"went to bat", "goes to bat", "salt of the earth", "made our day", "made my day", "fighting our corner", "fighting his corner",
		"fighting her corner", "that gets him", "that gets her", "who gets him", "who gets her", "really gets him", "really gets her",
		"really get him", "really get her", "kept us afloat", "keeps us afloat", "with us every step", "there every step", "by our side",
	}},
	{1, []string{
		"great", "good", "lovely", "=kind", "=kindness", "=caring", "=helpful", "=supportive", "grateful", "thankful",
		"thanks to", "happy", "happier", "=pleased", "impressed", "love", "loves", "loved", "enjoy", "enjoys", "enjoyed",
		"thrive", "thrives", "improved", "improvement", "improvements", "=useful", "=informative", "efficient", "=responsive",
		"=approachable", "=friendly", "thorough", "knowledgeable", "=helped", "real effort", "making an effort", "makes an effort", "made an effort", "took seriously", "taken seriously", "took us seriously",
		"take us seriously", "kept informed", "kept us informed", "kept updated", "kept us updated", "keeps us updated", "reassuring",
		"reassured", "=recommend", "would recommend", "works well", "working well", "worked well", "went well", "going well", "positive", "best",
		"proud", "highlight", "relief", "relieved", "glad", "lucky", "welcoming", "accommodating", "reliable", "smooth", "smoothly",
		"seamless", "success", "successful", "beneficial", "super", "getting better", "much better", "so much better", "far better",
		"a lot better", "felt heard", "feel heard", "felt listened to", "feel listened to", "brilliant job", "great job", "amazing job",
		"fantastic job", "good job", "no complaints", "no issues", "no problems", "no problem", "never had a problem",
		"never had any problems", "never had any issues", "fit him in", "fit her in", "fit us in", "=thank", "thank you", "thanks",
		"without them", "without whom", "empathetic", "empathy", "understood", "patient with", "so patient", "very patient",
		"ideal", "pleasant", "sympathetic", "gentle", "committed", "punctual", "satisfied", "valued", "welcomed",
		"kept in the loop", "looks forward", "a lot of help", "lots of help", "faster than", "quicker than",
		"sooner than", "better than expected", "pushed for", "excited", "less stressed", "less anxious", "less stressful", "sleeping better", "=skilled", "needs have been met", "needs are met", "needs met",
		"meets his needs", "meets her needs", "meets their needs", "met his needs", "met her needs", "on our side", "there for us",
		"end of the phone", "always available", "always there", "took the time", "takes the time", "take the time", "made time",
		"makes time", "better place", "coming on", "doing well", "painless", "stress free", "hassle free", "straightforward",
		"user friendly", "well done", "well worth", "worth it", "thumbs up", "respectful", "reassurance", "made friends", "made a friend",
		"followed through", "saved", "making changes", "made changes", "makes changes", "trying their best", "doing their best",
		"doing everything they can", "within a week", "within a fortnight", "within a month", "within days", "within weeks",
		"second home", "fair play", "understands him", "understands her", "understand him", "understand her",
		"understood him", "understood her", "stayed late", "staying late", "stay late", "worked late", "working late", "got better", "has got better", "have got better", "it's working", "it is working",
		"its working", "is really working", "all credit", "credit where", "pleasantly surprised",
	}},
	{0.7, []string{
		"nice", "settled", "=supported", "well supported", "progress", "progressing", "confidence", "confident", "calm", "calmer",
		"practical", "easy", "easier", "quick", "quickly", "prompt", "promptly", "straight away", "explained", "heard", "listened",
		"listens", "listening", "listen", "=helps", "=helping", "=patient", "flexible", "flexibility", "luckily", "warm", "noticed", "spotted",
		"well organised", "well run", "kept me updated", "updated us", "not too bad", "checks in", "checked in", "rang every",
		"on time", "=organised", "comfortable", "sorted", "resolved", "respect", "=trying", "choice of", "moving forward", "more independent",
		"genuine", "honest", "transparent", "invested", "look forward", "safer", "experienced", "listened to",
		"concerns seriously", "took it seriously", "takes it seriously", "take it seriously",
		"do try", "does try", "did try", "have tried", "has tried", "really tried", "really try", "tried hard", "try hard",
	}},
	{0.5, []string{
		"better", "well", "safe", "=clear", "fast", "believed", "fixed", "simple", "relaxed", "=independent", "independence", "=understanding", "interested", "engaged",
		"not bad", "can't wait", "cannot wait", "fun", "caring staff", "no concerns", "=hopeful", "optimistic",
	}},
	{0, []string{
		"supported internship", "supported internships", "supported living", "supported accommodation", "supported housing",
		"good luck", "as well", "as well as", "well being", "wellbeing", "thank you for the survey", "thanks for the survey",
		"thank you for this survey", "thanks for this survey", "thanks for doing this", "thank you for doing this", "heard of", "heard about",
		"love to", "would love", "i'd love", "we'd love", "would be good", "would be great", "would be nice", "would be helpful",
		"be helpful", "helpful if", "good if", "better if", "better support", "better funding", "better off", "better than nothing",
		"positive diagnosis", "tested positive", "positive behaviour", "the patient", "a patient", "patient transport", "best interests",
		"school =refusal", "best practice", "at best", "get better", "no good reason", "good morning", "good afternoon", "well known",
		"very well known", "is called", "it's called", "care plan", "fine motor", "fine motor skills", "happy birthday", "well as",
		"good at masking", "great at masking", "good deal", "great deal", "a great deal", "quick question", "thanks in advance",
		"want to complain", "like to complain", "want to moan", "like to moan", "sensory friendly", "autism friendly",
		"dementia friendly", "family friendly", "disability friendly", "neurodiversity friendly", "send friendly",
		"settled down for the night", "for the best", "waiting room", "waiting area", "trying to", "haven't used", "have not used", "not used", "haven't needed", "didn't need",
		"not needed", "don't need", "no need", "new school", "take care", "no matter", "caring for", "caring role", "caring responsibilities", "when things were bad", "when things are bad", "when things got bad", "at our lowest", "at our worst", "trying their best", "doing their best", "developmental delay", "speech delay", "language delay", "global delay", "speech and language delay", "learning delay", "be safe", "keep him safe", "keep her safe", "keep them safe", "safe space",
		// What families do not use, or do not know, is not a verdict on a service.
		"don't use", "do not use", "dont use", "don't really use", "don't currently use", "never used", "never needed",
		"have not needed", "don't access", "do not access", "dont access", "don't currently access", "haven't accessed",
		"have not accessed", "not accessed", "never accessed", "doesn't apply", "does not apply", "don't apply", "not applicable",
		"not relevant", "isn't relevant", "not sure", "unsure", "not certain",
		// Words that are not opinions in these phrases.
		"drop in", "drop-in", "drop ins", "drop off", "drop-off", "drop him off", "drop her off", "dropped him off",
		"dropped her off", "drops him off", "drops her off", "life skills", "with respect", "with all due respect",
		"there is no need", "there's no need", "nothing major", "nothing serious", "nothing too serious", "nothing big", "nothing special", "sleep well", "sleeps well",
		"sleeping well", "eat well", "eats well", "eating well", "sense of humour", "sense of humor",
		"not the best not the worst", "not the worst not the best", "not great not terrible", "not good not bad",
		"neither good nor bad", "not brilliant not terrible",
	}},
	{-0.3, []string{
		"criteria", "threshold", "meltdown", "meltdowns", "retired", "again", "earlier", "appeal", "not perfect", "isn't perfect",
		"is not perfect", "wasn't perfect", "nobody's perfect", "no one is perfect", "nobody is perfect", "nothing is perfect",
	}},
	{-0.5, []string{
		"wait", "had to", "have to", "has to", "hard", "far too", "=ages", "complicated", "fault", "nervous", "pity",
		"kept saying", "keep saying", "keeps saying", "only once", "once a term", "once a half term", "once a year", "reduced", "limited", "stopped",
		"closed", "dropped", "=fines", "overwhelmed", "could be better", "could do better", "could do more", "could try harder", "could be improved", "room for improvement", "finally agreed",
		"worried", "worry", "worrying", "tired", "more training", "every time", "keep ringing", "keeps ringing", "collect him", "collect her", "caseload", "off sick", "miles away", "rather than", "supposed to", "repeat", "scared", "terrified", "boundaries", "stricter", "rescheduled", "moved back", "shut down", "insisted", "demanded", "promised", "sooner", "jargon", "alone", "upset", "too young", "pay for", "paid for", "=forget",
	}},
	{-0.7, []string{
		"waiting list", "waiting lists", "wait list", "difficult", "tough", "struggle", "struggles", "late", "exclusion", "stress",
		"=missing", "sadly", "unfortunately", "shame", "needs to be better", "taken off", "keep being told", "kept being told",
		"part time timetable", "part-time timetable", "reduced timetable", "=ended", "nowhere", "behind", "only see", "only seen", "discharged", "problem", "problems", "even though", "too much", "something different", "by chance", "in theory", "stretched", "scary", "backwards", "clash", "clashes", "postponed",
		"corridor", "confused", "hurt", "slow", "cold", "minimal", "sparse", "expensive", "costly", "fine at school",
		"fine in school", "fine in class", "fine at nursery", "fine at college",
	}},
	{-1, []string{
		"have to explain", "had to explain", "having to explain", "has to explain", "explain again", "explain it all again",
		"explaining again", "fight", "fighting", "fought", "battle", "battles", "battling", "battled", "chase", "chasing", "chased", "struggling",
		"struggled", "broken", "broke", "broke down", "blame", "blamed", "blaming", "bad", "poor", "poorly", "lacking", "inadequate",
		"frustrating", "frustrated", "frustration", "angry", "anger", "upsetting", "disappointed", "disappointing", "disappointment",
		"dreading", "dread", "exhausted", "exhausting", "desperate", "isolated", "lonely", "refused", "refuse",
		"refuses", "refusal", "rejected", "turned down", "declined", "cancelled", "cancel", "cancels", "cut", "cuts", "wrong", "mistake",
		"mistakes", "errors", "vague", "=missed", "naughty", "need more training", "needs more training", "by accident", "start from scratch", "from scratch", "start again", "starting again", "only comes", "only way", "stuck", "screamed", "screaming", "prison", "overprotective", "grow out of it", "just a boy", "just a phase", "given a leaflet", "years behind", "contradict", "contradicted", "conflicting", "what are we supposed to do", "biggest problem", "collect him early", "collect her early", "pick him up early", "pick her up early", "hold down a job", "get rid of", "huge caseload", "=lied", "out of date", "tick box", "tick-box", "too able", "excluded", "suspended", "sent home", "delay",
		"delays", "delayed", "overdue", "too long", "so long", "forever", "impossible", "confusing", "stressful", "bullied", "bullying",
		"threatened", "=fined", "gave up", "give up", "giving up", "no point", "pointless", "forgotten", "invisible", "in the dark",
		"passed around", "passed from", "passed between", "one team to another", "one person to another", "bounced", "barrier", "barriers", "misdiagnosed", "miss out", "missed out", "overlooked", "taken away",
		"forced", "cried", "crying", "tears", "sad", "suffer", "suffering", "suffered", "drained", "surviving", "square one", "back to square one",
		"went private", "paid privately", "pay privately", "go private", "nothing for", "worse", "worsened", "deteriorated",
		"too complex", "not complex enough", "shouldn't have to", "should not have to", "no follow up", "no follow-up", "left to it",
		"left us", "on our own", "on my own", "dumped", "dropped us", "just dropped", "too late", "unsafe", "gatekeep", "gatekeeping",
		"denied", "ignorant", "attitude", "judged", "judgemental", "judgmental", "intrusive", "hostile", "aggressive", "threatening",
		"excuse", "excuses", "can't get", "cannot get", "struggle to get", "not fit", "still no", "still not",
		"lies", "lying", "cover up", "covered up", "dreaded", "months apart", "demoralising", "demoralised", "degrading",
		"humiliating", "humiliated", "lost paperwork", "lost the paperwork", "backlog", "unhelpful", "unsupportive", "uncaring",
		"pushed out", "pushy", "begging", "beg", "plead", "pleading", "ridiculous",
		"complaint", "complaints", "complain", "complained", "complaining", "formal complaint", "the same information",
		"the same questions", "the same story", "the same forms", "same thing over", "repeat ourselves", "repeating ourselves",
		"repeat myself", "repeating myself", "retell", "too old", "aged out", "ages out", "age out", "not what it used to be",
		"what it used to be", "used to be better", "used to be good", "used to be great",
		"patchy", "inconsistent", "inconsistency", "unreliable", "unclear", "confusion", "disorganised", "unorganised",
		"disjointed", "fragmented", "overstretched", "underfunded", "under funded", "under-resourced", "under resourced", "understaffed",
		"short staffed", "short-staffed", "staff shortages", "shortage", "shortages", "cutbacks", "repetitive", "long winded",
		"convoluted", "draining", "depressing", "frightening", "frightened", "regressed", "going backwards", "pushed back",
		"bounced back", "turned away", "shut the door", "endless", "never ending", "never-ending", "nothing back", "nothing from",
		"paper exercise", "all talk", "no action", "threat", "mocked", "laughed at", "yelled", "unhappy", "dislike",
		"nowhere to go", "again and again", "over and over", "time after time", "red tape", "bureaucracy", "bureaucratic", "hoops",
		"unfair", "unjust", "wish i'd known", "wish i had known", "wish we'd known", "wish we had known", "if only", "start again",
		"had to start again", "been waiting", "long waiting list", "long waiting lists", "huge waiting list", "isolation room", "isolation booth", "still hasn't", "still haven't", "still don't", "still doesn't",
		"still didn't", "still can't", "still won't", "still isn't", "still aren't", "still wasn't", "only offered", "only given",
		"only get", "only got", "only had", "only gets", "lost", "fed up", "sick of", "had enough", "gutted", "shocked",
		"dragged on", "drags on", "dragging on", "so slow", "very slow", "unanswered", "hard to get hold of", "never available",
		"defensive", "=losing", "=forgot", "=forgets", "=forgetting", "for once", "for a change", "goalposts",
		"out of control", "out of school", "at risk", "shattered", "knackered", "overwhelming", "unsatisfactory",
		"insufficient", "lacklustre", "mediocre", "scarce", "had to pay", "out of our own pocket", "box ticking", "pen pushers",
		"process driven", "breakdown", "no progress", "say no", "said no", "says no", "too easy", "too hard",
		"too difficult", "only funded", "only available", "only until", "only till", "only up to", "long time", "a long time",
		"long wait", "long waits", "over diagnosed", "overdiagnosed", "more boundaries", "all kids do that", "all children do that",
		"every child does that", "they all do that", "boys will be boys", "something at home", "=shouted",
	}},
	{-1.5, []string{
		"had to fight", "have to fight", "having to fight", "let down", "let us down", "let him down", "let her down", "failed",
		"failing", "fails", "failure", "pillar to post", "fell through the gaps", "falls through the gaps", "fall through the gaps",
		"falling through the gaps", "through the cracks", "fell through the net", "left to cope", "left on our own", "left alone",
		"left in the dark", "nobody listens", "no one listens", "nobody cares", "no one cares", "ignored", "ignoring", "dismissed",
		"dismissive", "rude", "patronising", "patronised", "condescending", "bad parenting", "rubbish", "crap", "shit", "unacceptable",
		"furious", "postcode lottery", "non existent", "non-existent", "nonexistent", "abandoned", "heartbreaking", "heartbroken",
		"devastated", "traumatic", "traumatised", "distressed", "distressing", "incompetent", "clueless", "unprofessional", "still waiting",
		"burnt out", "burned out", "burnout", "waste of time", "a waste", "lost faith", "no faith", "no trust", "no confidence in",
		"mess", "messed", "messed up", "chaos", "chaotic", "fobbed off", "fobbed", "brushed off", "palmed off", "given up", "lost hope",
		"losing hope", "limbo", "no man's land", "just a number", "a number to them", "treated like", "discrimination", "discriminated",
		"discriminatory", "illegal", "unlawful", "breach", "sick and tired", "unheard", "unsupported", "months and months", "years and years",
		"weeks and weeks", "round in circles", "jump through hoops", "heard nothing", "radio silence", "lip service", "broken promises",
		"empty promises", "insulted", "belittled", "shouted at", "hurtful", "lost all confidence", "lost his confidence", "lost her confidence", "lost confidence",
		"wrong name", "another child's name", "someone else's name", "firmer boundaries", "miserable", "hate", "hates", "hated", "no end in sight",
		"shouldn't be this hard", "shouldn't be so hard", "shouldn't be this difficult", "should not be this hard",
		"painfully slow", "snail's pace", "arrogant", "unsympathetic", "unkind", "intimidating", "intimidated", "dishonest", "misled",
		"misleading", "false promises", "don't want to know", "didn't want to know", "doesn't want to know", "washed their hands",
		"wash their hands", "passing the buck", "pass the buck", "buck passing", "spiralled", "spiralling", "unmanageable", "off-rolled",
		"off rolled", "no choice but", "distraught", "despair", "despairing", "helpless", "powerless", "worn out", "on my knees",
		"substandard", "sub standard", "sub-standard", "nothing but trouble", "nothing but problems", "nothing but excuses", "drowning", "sinking", "going under", "head above water",
		"heads above water", "hanging by a thread", "falling apart", "moved the goalposts", "move the goalposts",
		"moving the goalposts", "moves the goalposts", "what's the point", "what is the point", "whats the point",
		"how many more times", "how much longer", "rock bottom", "please just", "not sure anyone", "not sure anybody",
		"not sure if anyone", "not sure whether anyone", "don't know where to turn", "nowhere to turn",
	}},
	{-2, []string{
		"joke", "shambles", "shambolic", "appalling", "awful", "terrible", "horrendous", "horrific", "horrible", "disgrace",
		"disgraceful", "disgusting", "shocking", "dreadful", "useless", "nightmare", "hopeless", "worst", "not fit for purpose",
		"diabolical", "atrocious", "abysmal", "pathetic", "farce", "scandal", "scandalous", "breaking point", "at the end of my tether",
		"end of my tether", "a battle", "a fight", "constant battle", "constant fight", "everything is a battle", "everything is a fight",
		"woeful", "dire", "appalled", "disgusted", "horrified", "outraged", "livid", "sickening", "soul destroying", "complete mess",
		"absolute mess", "total mess", "complete joke", "utter joke", "brick wall", "banging my head", "wits end", "wits' end",
		"insulting", "insult", "like criminals", "like a criminal", "taking the mick", "taking the piss", "thanks for nothing",
		"worse than useless", "no use", "fat lot of good", "too little too late",
	}},
}

// needTerms name things families need. They carry no sentiment alone,
// but negated they are among the commonest complaints: "no support",
// "never got a reply", "didn't get an appointment", "nothing in place".
var needTerms = []string{
	"support", "help", "reply", "replies", "replied", "response", "responded", "contact", "contacted", "answer", "answered",
	"update", "updates", "follow up", "explanation", "explain", "information", "info", "advice", "guidance", "communication",
	"feedback", "place", "places", "provision", "service", "services", "plan", "appointment", "appointments", "therapy", "sessions",
	"session", "assessment", "diagnosis", "respite", "break", "breaks", "money", "funding", "resources", "staff", "training", "idea",
	"choice", "choices", "option", "options", "offer", "offered", "told", "call back", "called back", "rang back", "heard back",
	"got back", "get back", "acknowledgement", "acknowledged", "apology", "apologised", "sorry", "consideration", "interest",
	"effort", "change", "changed", "changes", "improvement", "sign", "chance", "access", "input", "involvement", "clue", "visit",
	"visited", "sorted", "arrived", "happened", "came", "done", "bother", "bothered", "care", "cares", "cared", "believe",
	"recognise", "recognised", "meet", "qualify", "eligible", "entitled", "available", "enough", "followed", "in place",
	"replaced", "work", "works", "working", "turn up", "turned up", "get", "got", "getting", "receive", "received", "cope", "coping",
	"time", "ok", "okay", "alright", "fine", "sure", "hope", "understand", "understands", "understanding", "know", "knows",
	"listened to", "contact us", "call", "called", "ring", "rang", "phone", "phoned", "email", "emailed", "seen", "see", "hear",
	"progress", "improve", "improved", "aware", "transport", "equipment", "diagnosed", "referral", "referred", "assessed",
	"find", "agree", "agreed", "paperwork", "report", "reports", "letter", "letters", "records", "outcome", "date", "decision",
	"same", "beds", "bed", "adjustments", "adjustment", "into account", "take him", "take her", "take them", "accept", "accepted",
	"tell", "telling", "given", "had", "much", "notice", "noticed", "involved", "involvement",
	"anyone", "anybody", "anything", "action", "continuity", "consistency", "say", "says", "specify", "move", "named", "provided",
	"cover", "covered", "delivered", "implemented", "met", "updated", "reviewed", "read", "checked", "consulted", "invited", "rung back", "ring back",
	"returned", "aftercare", "happen", "happens", "chance to", "pick up", "picks up", "afford", "responds", "respond", "take", "takes", "any more", "anymore",
	"include", "included", "space", "room", "talk", "talks", "speak", "school", "education", "schooling", "tuition",
}

// negators reverse the sentiment of what follows in the same clause.
// Those with a weight also count as a complaint on their own when they
// negate nothing the lexicons know ("they never ring", "nobody came").
var negators = []weighted{
	{0, []string{
		"not", "no", "don't", "didn't", "doesn't", "wasn't", "weren't", "isn't", "aren't", "haven't", "hasn't", "hadn't",
		"can't", "cannot", "couldn't", "won't", "wouldn't", "shouldn't", "ain't", "mustn't", "needn't", "without", "hardly",
		"barely", "lack of", "lack", "lacking", "neither", "nor", "little to no", "zero", "unable to", "yet to", "should not", "too little",
		"instead of", "less", "fewer",
	}},
	{-0.5, []string{
		"never", "none", "no one", "nobody", "noone", "nothing", "nowhere near", "not once", "not even", "there aren't any",
		"there isn't any", "there is no", "there's no", "there are no", "there was no", "there were no", "there is nothing",
		"there's nothing",
	}},
	{-1, []string{"refused to", "refuses to", "refusing to", "failed to", "fail to", "fails to", "won't even", "wouldn't even"}},
}

// contrasts end a clause for negation: "not perfect but helpful", "wasn't
// talking and was referred".
var contrasts = []string{
	"but", "however", "although", "though", "whereas", "except", "yet", "despite", "whilst", "while", "and", "who", "which",
}

// irrealis words put what follows in a wish or condition: "it would be
// good if", "I wish they listened". Praise after them is not praise.
var irrealis = []string{
	"would", "wish", "want", "wants", "wanted", "hope", "hoping", "if", "should", "could", "need", "needs", "needed", "like",
	"expect", "expected", "supposed", "meant", "to be", "they say", "they said", "they claim", "they claimed", "they insist",
	"school say", "school said", "keep saying", "kept saying", "keeps saying",
}

// adversatives turn a comment from one judgement to another: "lovely
// but has no time", "supportive, although it took 9 months". Praise
// before one and anything short of praise after it is how families say
// "mixed", and so is clear complaint before one and clear praise after.
var adversatives = []string{
	"but", "however", "although", "though", "even though", "whereas", "except", "except that", "despite", "apart from",
	"unfortunately", "sadly", "the only problem", "the only issue", "the only thing", "the only downside", "the downside",
	"having said that", "that said", "on the other hand", "mind you", "then again",
}

// concessions grant a point before a complaint: "I know they're busy,
// but", "I appreciate everyone is stretched, however". Warm words in the
// clause they open are politeness, not praise; "in theory" and "on paper"
// hollow out praise the same way.
var concessions = []string{
	"i know", "i understand", "i appreciate that", "i appreciate everyone", "i appreciate they", "i appreciate they're",
	"i appreciate it's", "i appreciate it is", "i appreciate staff", "i appreciate there", "i appreciate you",
	"i appreciate how", "i realise", "i realize", "i accept", "i get that", "i'm aware", "i am aware", "we know",
	"we understand", "we appreciate that", "we appreciate everyone", "we appreciate they", "we realise", "we accept",
	"admittedly", "granted", "i don't want to complain", "i don't want to moan", "i don't like to complain",
	"i'm sure", "i am sure", "with respect", "with all due respect", "in theory", "on paper", "sounds good",
	"sounded good", "looks good on paper",
}

// conditionals put what follows in a case that may not arise: "who do I
// contact if the plan isn't followed", "they ring me if there's a
// problem". Neither praise nor complaint in their scope is what happened.
// "As if", "even if" and "if only" are not conditions (see code).
var conditionals = []string{"if", "whether", "in case", "in the event"}

// sarcasmMarkers turn praise into its opposite when the comment also
// complains: "oh yes, brilliant, another 6 month wait", "lucky us".
// Praise that opens a sentence and is cut off by a comma before a
// complaint ("Fantastic, they've lost the forms again") is caught in
// code, as is praise in scare quotes (the "excellent" service).
var sarcasmMarkers = []string{
	"oh yes", "oh yeah", "oh great", "oh brilliant", "oh good", "oh wonderful", "oh fantastic", "oh lovely", "oh joy",
	"oh well done", "yeah right", "yeah great", "yeah thanks", "love how", "love the way", "love that we", "love that i",
	"love it when", "lucky us", "lucky me", "aren't we lucky", "what a surprise", "surprise surprise", "funnily enough",
	"shock horror", "who knew", "cheers for that", "thanks a bunch", "great stuff", "ha ha", "haha", "lol", "as if",
}

// requests ask for something rather than judge what there is: "more
// support groups would be good", "I'd like to see more joined up
// working". Without words of complaint beside them they are neutral.
var requests = []string{
	"would like", "i'd like", "we'd like", "id like", "would love", "i'd love", "we'd love", "would be good",
	"would be nice", "would be helpful", "would be great", "would be useful", "would be ideal", "would be better",
	"would be lovely", "would help", "would make", "wish there was", "wish there were", "need more", "needs more",
	"should be more", "could be more", "there should be", "please", "suggest", "suggestion", "maybe", "perhaps",
	"consider", "it would be", "more of", "more help with", "more information about", "more info about", "can you",
	"could you", "can someone", "could someone", "would someone", "is it possible", "would be", "would really",
	"would welcome", "would appreciate", "could there be", "can there be", "could we have", "can we have", "could we get",
	"can we get", "it'd be", "itd be", "how about", "what about",
}

// factualMarkers describe the child, the plan or what happens next
// rather than judge a service ("he has an EHCP and goes to a special
// school", "the annual review is next week", "we haven't needed social
// care"), or judge it lukewarm ("it's fine", "things are ok"). Without
// words of opinion beside them they are neutral.
var factualMarkers = []string{
	"next week", "next month", "next year", "next term", "next half term", "booked", "booked in", "coming up", "is due",
	"are due", "due to start", "starts in", "starts at", "starting in", "will start", "will be starting", "goes to",
	"attends", "is in year", "in year", "haven't used", "have not used", "haven't needed", "have not needed",
	"don't use", "do not use", "didn't need", "not needed", "no involvement", "not involved", "has an ehcp",
	"has an ehc plan", "with an ehcp", "has a diagnosis", "diagnosis of", "diagnosed with", "has autism", "has asd",
	"has adhd", "has asc", "has pda", "has down syndrome", "has downs syndrome", "has cerebral palsy", "has epilepsy",
	"has a learning disability", "has learning disabilities", "has global developmental delay", "is autistic",
	"is non verbal", "is nonverbal", "is tube fed", "uses a wheelchair", "too early to say", "too early to tell",
	"too soon to say", "too soon to tell", "early days", "time will tell", "fine", "ok", "okay", "alright", "all right",
	"so so", "average", "adequate", "not the worst", "nothing special",
	// What happened when, and what is planned.
	"last week", "last month", "last year", "last term", "this week", "this month", "this term", "this year",
	"after half term", "after the summer", "after the holidays", "after easter", "after christmas", "in the summer",
	"in the autumn", "in the spring", "will be", "is going to", "are going to", "just started", "has just started",
	"have just started", "recently started", "is starting", "are starting", "starting at", "moved here", "moved from",
	"moved to", "we moved", "just moved", "getting to know", "received", "confirming", "confirmed",
	"in january", "in february", "in march", "in april", "in may", "in june", "in july", "in august", "in september",
	"in october", "in november", "in december", "from january", "from february", "from march", "from april", "from may",
	"from june", "from july", "from august", "from september", "from october", "from november", "from december",
	"on monday", "on tuesday", "on wednesday", "on thursday", "on friday", "on saturday", "on sunday",
	// Services not used, and answers that do not apply.
	"doesn't apply", "does not apply", "don't apply", "not applicable", "not relevant", "not sure", "unsure",
	"don't currently", "do not currently", "not at the moment", "at the moment", "at present",
}

// mixedMarkers say in so many words that experience has been both good
// and bad: "hit and miss", "depends which teacher he gets".
var mixedMarkers = []string{
	"hit and miss", "hit or miss", "depends which", "depends who", "depends on which", "depends on who", "depends on the",
	"mixed bag", "mixed experience", "mixed experiences", "been mixed", "very mixed", "ups and downs", "good and bad",
	"good days and bad days", "swings and roundabouts", "pros and cons", "some good some bad", "some good, some bad",
	"others don't", "others do not", "others aren't", "others are not", "others haven't", "others have not",
	"others not so much", "others less so", "some do some don't", "some work some don't", "some things work",
}

// childStates are words for how a child feels or copes. Said of the
// child ("he has meltdowns most evenings", "she finds change hard") they
// describe needs, not services, and carry little of the comment's tone;
// said of the family or a service they keep their weight.
var childStates = []string{
	"meltdown", "meltdowns", "struggle", "struggles", "struggling", "struggled", "hard", "difficult", "overwhelmed",
	"overwhelming", "upset", "scared", "terrified", "frightened", "nervous", "worried", "worry", "anxious", "sad",
	"crying", "cried", "tears", "screaming", "screamed", "tired", "exhausted", "stress", "stressful", "distressed",
	"tough", "scary", "poorly", "unwell",
}

// advocacy is praise when a professional does it for the family ("our
// social worker fought for a bigger package") and complaint when the
// family has to ("we fought for two years"). Each is also in the
// sentiment lexicon.
var advocacy = []string{
	"fought for", "fights for", "fighting for", "battled for", "battles for", "stood up for", "stands up for",
	"spoke up for", "speaks up for", "advocated for", "advocates for", "fought our corner", "fought his corner",
	"fought her corner", "fights our corner", "do try", "does try", "did try", "have tried", "has tried", "really tried",
	"really try", "tried hard", "try hard",
}

// waitTerms are words of waiting. Waiting is a fact of every family's
// life with services ("we are waiting for the amended plan", "he is on
// the waiting list"), so one of these is a complaint only when the
// sentence says the wait is too long or keeps happening (see
// waitMarkers), or when the comment complains of something else too.
// Each is also in the sentiment lexicon.
var waitTerms = []string{"wait", "waiting list", "waiting lists", "wait list"}

// waitBefore and waitAfter, near a wait in its clause, make it a
// complaint: "yet another waiting list", "more waiting", "waiting for
// ages", "the waiting list is so long". An exclamation mark or a span of
// weeks, months or years in the same sentence does too (see code).
var (
	waitBefore = []string{
		"still", "another", "more", "yet", "endless", "constant", "constantly", "always", "keep", "keeps", "kept", "long",
		"longer", "so", "too", "months", "years", "forever", "everything",
	}
	waitAfter = []string{
		"still", "again", "forever", "ages", "long", "longer", "too", "so", "months", "years", "endless", "everywhere",
		"everything",
	}
)

// expectations are fears before the event: "I was dreading the review
// but it was really positive". Before a turn to clear praise they are
// the contrast that makes the praise, not a complaint.
var expectations = []string{
	"dreading", "dreaded", "was dreading", "were dreading", "i was worried", "we were worried", "was worried", "were worried",
	"was nervous", "were nervous", "was anxious", "were anxious", "expected the worst", "feared the worst", "apprehensive",
	"sceptical", "skeptical", "had my doubts", "had doubts",
}

// childWords name the child as the subject of a clause.
var childWords = []string{
	"he", "she", "he's", "she's", "hes", "shes", "son", "daughter", "child", "boy", "girl", "grandson", "granddaughter",
	"lad", "twins", "stepson", "stepdaughter", "he'll", "she'll", "he'd", "she'd", "sons", "daughters",
}

// safeguardingTerms suggest a child or adult may be at risk. A match
// flags the comment for staff to follow up; it never hides it. They err
// on the side of flagging: a false alarm costs a minute of a staff
// member's time, a missed one may cost far more.
var safeguardingTerms = []string{
	"self harm", "self-harm", "self harming", "self-harming", "self harms", "self-harms", "self harmed", "selfharm", "selfharming",
	"self injury", "self-injury", "self injuring", "suicide", "suicidal", "kill himself", "kill herself", "kill myself",
	"kill themselves", "killing himself", "killing herself", "killing myself", "end his life", "end her life", "end my life",
	"end their life", "take his own life", "take her own life", "take my own life", "take their own life", "wants to die",
	"want to die", "wanted to die", "wanting to die", "wish i was dead", "wishes he was dead", "wishes she was dead",
	"wish he was dead", "better off dead", "better off without me", "no point in living", "no point living", "not want to be here",
	"doesn't want to be here", "don't want to be here", "didn't want to be here", "not want to live", "doesn't want to live",
	"don't want to live", "end it all", "ending it all", "overdose", "overdosed", "attempted suicide", "tried to kill",
	"hang himself", "hang herself", "=hanged", "noose", "abuse", "abused", "abusive", "abusing", "neglect", "neglected", "neglecting",
	"can't cope any more", "can't cope anymore", "cannot cope any more", "cannot cope anymore", "can't cope", "cannot cope",
	"can not cope", "couldn't cope", "can't go on", "cannot go on", "can't do this any more", "can't do this anymore",
	"at breaking point", "breaking point", "end of my tether", "hurting himself", "hurting herself", "hurts himself", "hurts herself",
	"hurt himself", "hurt herself", "harming himself", "harming herself", "harms himself", "harms herself", "harm himself",
	"harm herself", "hitting himself", "hitting herself", "hits himself", "hits herself", "biting himself", "biting herself",
	"bites himself", "bites herself", "banging his head", "banging her head", "bangs his head", "bangs her head", "head banging",
	"headbanging", "hitting her head", "hitting his head", "cutting himself", "cutting herself", "cuts himself", "cuts herself",
	"locked in", "locked him in", "locked her in", "locks him in", "locks her in", "restrained", "restraint", "restraining",
	"pinned down", "held down", "violence", "violent", "domestic abuse", "domestic violence", "hits me", "hit me", "hitting me",
	"hurts me", "hurt me", "hurting me", "attacks me", "attacked me", "attacking me", "kicks me", "kicked me", "punches me",
	"punched me", "bit me", "bites me", "beat me", "beats me", "strangled", "choked", "assaulted", "assault", "running away",
	"ran away", "run away", "runs away", "runaway", "absconding", "absconded", "went missing", "goes missing", "gone missing",
	"missing from home", "police", "not safe", "isn't safe", "wasn't safe", "unsafe", "scared of him", "scared of her",
	"afraid of him", "afraid of her", "frightened of him", "frightened of her", "bruises", "bruised", "bruising", "grooming", "groomed",
	"exploited", "exploitation", "county lines", "sexual", "sexually", "inappropriate touching", "touched her", "touched him", "rape",
	"raped", "stopped eating", "refusing to eat", "not eating", "refuses to eat", "weapon", "knife", "knives", "threatened to kill",
	"threatens to kill", "in danger", "danger to himself", "danger to herself", "danger to others", "risk to himself",
	"risk to herself", "homeless", "kicked out", "starving", "want to disappear", "wants to disappear", "crisis team", "mental health crisis", "in crisis", "=sectioned", "ligature", "at risk of harm", "risk of harm",
	"do something stupid", "can't take any more", "can't take it any more", "can't take it anymore", "nothing to live for",
	"give up on life", "hurts his brother", "hurts his sister", "hurts her brother", "hurts her sister", "hurts his siblings",
	"hurts her siblings", "attacks his brother", "attacks his sister", "attacks her brother", "attacks her sister", "lashes out at me",
	"lashing out at me", "can't afford food", "no food in the house", "taking drugs", "not coping", "isn't coping",
	"no longer coping", "crisis line", "crisis helpline", "samaritans",
}

// safeguardingExclusions cancel a safeguarding term they overlap, for
// the few phrases that use those words about services rather than risk.
var safeguardingExclusions = []string{
	"neglected by", "feel neglected", "felt neglected", "feels neglected", "abuse of power", "abuse of process", "locked in a battle",
	"locked in dispute", "locked into", "locked in to", "cope with the", "cope with noise", "cope with change", "cope with changes",
	"cope in", "cope at school", "cope with school", "cope with mainstream", "cope with crowds", "cope with the noise",
	"cope without", "cope with transitions", "cope with busy", "cope with loud", "cope with lessons", "cope in class", "police check",
	"police checks", "run away with", "ran away with", "end it there", "sexual health", "end it at", "safe space", "not safe to drive",
	"restraint training", "time out", "overdose of", "choked up", "held down a job", "held down a", "pinned down a",
	"in danger of", "touched her heart", "touched his heart", "touched my heart",
}

// nullWords are the words of answers that say nothing about a service:
// "no comment", "n/a", "nothing to add", "thanks for the survey".
var nullWords = []string{
	"no", "none", "nothing", "n", "a", "na", "nil", "not", "applicable", "comment", "comments", "to", "add", "say", "report",
	"further", "more", "thanks", "thank", "you", "for", "the", "this", "that", "survey", "questionnaire", "asking", "sure", "don't",
	"dont", "know", "idk", "dunno", "nope", "same", "as", "above", "see", "answer", "answers", "answered", "already", "x", "i",
	"have", "at", "all", "anything", "else", "really", "else's", "doing", "it", "is", "question", "questions", "here", "just", "nowt",
	"yes", "nothing's", "nah", "prefer", "rather", "n't", "can't", "think", "of", "any", "other", "mentioned", "previous", "previously",
	"given", "covered", "ok", "okay", "fine", "thx", "many", "very", "much", "luck", "with", "your", "work", "again",
	"note", "info", "information", "and", "my", "last", "per", "earlier", "below", "page", "box", "section",
	"moment", "time", "present", "currently", "so", "far", "yet", "now", "before", "involvement", "us", "relevant", "apply",
	"can", "could", "remember", "can't", "cannot", "stage", "point",
}

// stopwords are the words that carry no content, for judging whether a
// comment says enough to be coded to the question's area.
var stopwords = []string{
	"a", "an", "the", "and", "or", "but", "so", "to", "of", "in", "on", "at", "for", "with", "by", "from", "as", "is", "are", "was",
	"were", "be", "been", "being", "am", "i", "i'm", "i've", "me", "my", "we", "we've", "our", "us", "you", "your", "he", "he's",
	"him", "his", "she", "she's", "her", "they", "they're", "them", "their", "it", "it's", "its", "this", "that", "these", "those",
	"there", "here", "have", "has", "had", "do", "does", "did", "will", "would", "can", "could", "should", "just", "very", "really",
	"too", "also", "all", "any", "some", "if", "then", "than", "about", "up", "out", "what", "which", "who", "when", "where", "how",
	"not", "no", "yes", "x", "xx", "xxx", "son", "daughter", "child", "children", "kids", "kid", "boy", "girl", "old", "year",
	"years", "age", "aged", "now", "one", "two", "three",
}

// durationUnits are the units of a span of time in a comment.
var durationUnits = map[string]durationUnit{
	"day": unitDay, "days": unitDay, "week": unitWeek, "weeks": unitWeek, "month": unitMonth, "months": unitMonth,
	"year": unitYear, "years": unitYear, "term": unitTerm, "terms": unitTerm, "fortnight": unitFortnight, "fortnights": unitFortnight,
}

type durationUnit int

const (
	unitDay durationUnit = iota + 1
	unitWeek
	unitFortnight
	unitTerm
	unitMonth
	unitYear
)

// numberWords read spelt-out and vague quantities before a unit of time.
var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "couple": 2, "few": 3, "several": 4,
	"many": 6, "numerous": 6,
}

// waitContext words near a long span of time make it a wait: "waited two
// years", "on the list for 18 months", "took 9 months", "still nothing
// after a year". A span alone ("he is 12 years old") is not.
var waitContext = []string{
	"wait", "waiting", "waited", "list", "took", "take", "takes", "taking", "taken", "still", "delay", "delayed", "chase",
	"chasing", "since", "apart", "later", "until", "till", "before", "overdue", "queue", "nothing", "heard", "seen",
	"referred", "referral", "applied", "promised", "without", "gap",
}
