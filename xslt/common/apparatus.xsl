<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared layer: witnesses and readings in parallel segmentation. Format-neutral. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:key name="witness" match="tei:witness | tei:listWit[@xml:id]" use="@xml:id"/>

  <!-- Siglum of one pointer "#d…-wA": the witness's @n, else its abbr (type="siglum" first) or an
       idno of type "siglum", else its id.  Witnesses may sit in nested listWit groups; a pointer to
       a listWit (a group) gives the group's siglum the same way. -->
  <xsl:template name="witness-siglum">
    <xsl:param name="pointer"/>
    <!-- or the witness itself (one without an id: <witness n="1">) -->
    <xsl:param name="witness" select="key('witness', substring($pointer, 1 + number(starts-with($pointer, '#'))))"/>
    <xsl:variable name="w" select="$witness"/>
    <xsl:variable name="wid">
      <xsl:choose>
        <xsl:when test="not(string($pointer))"><xsl:value-of select="$w/@xml:id"/></xsl:when>
        <xsl:when test="starts-with($pointer, '#')"><xsl:value-of select="substring($pointer, 2)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$pointer"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$w/@n"><xsl:value-of select="$w/@n"/></xsl:when>
      <xsl:when test="$w/tei:abbr[@type = 'siglum']"><xsl:value-of select="normalize-space($w/tei:abbr[@type = 'siglum'][1])"/></xsl:when>
      <xsl:when test="$w/tei:abbr"><xsl:value-of select="normalize-space($w/tei:abbr[1])"/></xsl:when>
      <xsl:when test="$w//tei:idno[@type = 'siglum']"><xsl:value-of select="normalize-space($w//tei:idno[@type = 'siglum'][1])"/></xsl:when>
      <xsl:when test="$w/*[local-name() = 'siglum']"><xsl:value-of select="normalize-space($w/*[local-name() = 'siglum'][1])"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$wid"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A witness's description, as text, without the siglum witness-siglum takes from it (<abbr
       type="siglum">Ps</abbr><name>Parisinus …</name>: "Parisinus …"); editio.records follows the
       same rule for the web page -->
  <xsl:template name="witness-description">
    <xsl:param name="witness" select="."/>
    <xsl:variable name="siglum"><xsl:call-template name="witness-siglum"><xsl:with-param name="witness" select="$witness"/></xsl:call-template></xsl:variable>
    <xsl:variable name="own" select="($witness/*[self::tei:abbr or self::tei:idno or local-name() = 'siglum'][normalize-space() = $siglum])[1]"/>
    <xsl:variable name="parts">
      <!-- the siglum's element gives way to a space; the rest as it stands ("Codex <hi>V</hi>, f. 3":
           "Codex V, f. 3"), as editio.records._witness_description reads it -->
      <xsl:for-each select="$witness/node()">
        <xsl:choose>
          <xsl:when test="count(. | $own) = count($own)"><xsl:text> </xsl:text></xsl:when>
          <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:value-of select="normalize-space($parts)"/>
  </xsl:template>

  <!-- Sigla of a whitespace-separated pointer list, joined by single spaces: "A B" -->
  <xsl:template name="witness-sigla">
    <xsl:param name="pointers" select="@wit"/>
    <xsl:variable name="list" select="normalize-space($pointers)"/>
    <xsl:if test="$list">
      <xsl:variable name="first">
        <xsl:choose>
          <xsl:when test="contains($list, ' ')"><xsl:value-of select="substring-before($list, ' ')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$list"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:call-template name="witness-siglum"><xsl:with-param name="pointer" select="$first"/></xsl:call-template>
      <xsl:if test="contains($list, ' ')">
        <xsl:text> </xsl:text>
        <xsl:call-template name="witness-sigla">
          <xsl:with-param name="pointers" select="substring-after($list, ' ')"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- "1" when a pointer list (@ed, @edRef of a milestone) names a witness of the listWit; a page
       break of a printed edition (PTA: <pb edRef="#Cotelier" n="100"/>, Cotelier a bibl) names
       none: it belongs to no witness's reading and stands in every one -->
  <xsl:template name="names-witness">
    <xsl:param name="pointers" select="concat(@ed, ' ', @edRef)"/>
    <xsl:variable name="list" select="concat(' ', normalize-space($pointers), ' ')"/>
    <!-- a pointer "#id", or (in @ed) the witness's id or @n as it stands: ed="B" edRef="#d…-wB" -->
    <xsl:if test="ancestor::tei:TEI[1]/tei:teiHeader//tei:listWit/descendant-or-self::*[self::tei:witness or self::tei:listWit][@xml:id]
                  [contains($list, concat(' #', @xml:id, ' ')) or contains($list, concat(' ', @xml:id, ' '))
                   or (normalize-space(@n) and contains($list, concat(' ', normalize-space(@n), ' ')))]">1</xsl:if>
  </xsl:template>

  <!-- "1" if the reading (or milestone with @ed) belongs to witness $wit (an id without "#") -->
  <xsl:template name="has-witness">
    <xsl:param name="pointers"/>
    <xsl:param name="wit"/>
    <xsl:if test="contains(concat(' ', normalize-space($pointers), ' '), concat(' #', $wit, ' '))">1</xsl:if>
  </xsl:template>

  <!-- generate-id() of an app's lemma: its lem (a lem may stand in a rdgGrp, with the readings
       grouped with it), else the reading of the document's first declared witness, else its first
       reading -->
  <xsl:template name="lemma-reading">
    <xsl:variable name="first-wit" select="(ancestor::tei:TEI[1]//tei:listWit/tei:witness)[1]/@xml:id"/>
    <xsl:variable name="lems" select="tei:lem | tei:rdgGrp/tei:lem | tei:rdgGrp/tei:rdgGrp/tei:lem"/>
    <xsl:variable name="of-first" select="(tei:rdg | tei:rdgGrp/tei:rdg)[contains(concat(' ', normalize-space(@wit), ' '), concat(' #', $first-wit, ' '))]"/>
    <xsl:choose>
      <xsl:when test="$lems"><xsl:value-of select="generate-id($lems[1])"/></xsl:when>
      <xsl:when test="$of-first"><xsl:value-of select="generate-id($of-first[1])"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="generate-id((tei:rdg | tei:rdgGrp/tei:rdg)[1])"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- generate-id() of the reading witness $wit (an id, without "#") reads in this app: of the
       readings that name it, the one reading-witnesses gives it (its last state, @varSeq); a
       witness the app names nowhere reads the lemma; "" when it has no reading here -->
  <xsl:template name="reading-of-witness">
    <xsl:param name="wit"/>
    <xsl:variable name="siglum"><xsl:call-template name="witness-siglum"><xsl:with-param name="pointer" select="$wit"/></xsl:call-template></xsl:variable>
    <xsl:variable name="mine" select="(tei:lem | tei:rdg | tei:rdgGrp//tei:lem | tei:rdgGrp//tei:rdg)
        [contains(concat(' ', normalize-space(@wit), ' '), concat(' #', $wit, ' '))]"/>
    <xsl:variable name="chosen">
      <xsl:for-each select="$mine">
        <xsl:variable name="r"><xsl:call-template name="reading-witnesses"/></xsl:variable>
        <xsl:if test="contains(concat(' ', $r, ' '), concat(' ', $siglum, ' '))"><xsl:value-of select="generate-id()"/><xsl:text> </xsl:text></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="named">
      <xsl:text> </xsl:text>
      <xsl:for-each select=".//@wit"><xsl:value-of select="normalize-space(.)"/><xsl:text> </xsl:text></xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string($chosen)"><xsl:value-of select="substring-before($chosen, ' ')"/></xsl:when>
      <xsl:when test="not(contains($named, concat(' #', $wit, ' ')))"><xsl:call-template name="lemma-reading"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Who has a reading, as one line of sigla: the witnesses of @wit, then the sources of @source
       (their id), then "conj." for a conjecture (the editor of a lemma, @resp, each layer names) -->
  <xsl:template name="reading-sigla">
    <xsl:variable name="wit"><xsl:call-template name="witness-sigla"/></xsl:variable>
    <xsl:variable name="src" select="normalize-space(translate(@source, '#', ' '))"/>
    <xsl:value-of select="$wit"/>
    <xsl:if test="$src">
      <xsl:if test="string($wit)"><xsl:text> </xsl:text></xsl:if>
      <xsl:value-of select="$src"/>
    </xsl:if>
    <xsl:if test="@type = 'conjecture' or @type = 'conj'"><xsl:text> conj.</xsl:text></xsl:if>
  </xsl:template>

  <!-- The sigla of every witness the app names nowhere: they agree with the lemma -->
  <xsl:template name="silent-witnesses">
    <xsl:param name="app" select="ancestor-or-self::tei:app[1]"/>
    <xsl:variable name="named">
      <xsl:text> </xsl:text>
      <xsl:for-each select="$app//@wit"><xsl:value-of select="normalize-space(.)"/><xsl:text> </xsl:text></xsl:for-each>
    </xsl:variable>
    <xsl:for-each select="ancestor::tei:TEI[1]/tei:teiHeader//tei:listWit//tei:witness[@xml:id]">
      <xsl:if test="not(contains($named, concat(' #', @xml:id, ' ')))">
        <xsl:text> </xsl:text>
        <xsl:call-template name="witness-siglum"><xsl:with-param name="pointer" select="@xml:id"/></xsl:call-template>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- The sigla of the witnesses that read THIS reading: those of its @wit for which no other
       reading of the entry names the same witness with a later @varSeq (a witness's later state,
       after its own correction, is what it reads), or, at the same stage, earlier in the entry -->
  <xsl:template name="reading-witnesses">
    <xsl:param name="pointers" select="normalize-space(@wit)"/>
    <xsl:if test="$pointers">
      <xsl:variable name="p" select="substring-before(concat($pointers, ' '), ' ')"/>
      <xsl:variable name="me" select="."/>
      <xsl:variable name="rank" select="number(concat('0', translate(@varSeq, translate(@varSeq, '0123456789', ''), '')))"/>
      <xsl:variable name="app" select="generate-id(ancestor::tei:app[1])"/>
      <xsl:variable name="rivals" select="ancestor::tei:app[1]//*[self::tei:lem or self::tei:rdg]
          [generate-id() != generate-id($me)][generate-id(ancestor::tei:app[1]) = $app]
          [contains(concat(' ', normalize-space(@wit), ' '), concat(' ', $p, ' '))]"/>
      <xsl:variable name="later" select="$rivals[number(concat('0', translate(@varSeq, translate(@varSeq, '0123456789', ''), ''))) > $rank]"/>
      <xsl:variable name="same-before" select="$rivals[number(concat('0', translate(@varSeq, translate(@varSeq, '0123456789', ''), ''))) = $rank]
          [count(. | $me/preceding::*) = count($me/preceding::*)]"/>
      <xsl:variable name="rest">
        <xsl:call-template name="reading-witnesses"><xsl:with-param name="pointers" select="normalize-space(substring-after($pointers, ' '))"/></xsl:call-template>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="not($later) and not($same-before)">
          <xsl:call-template name="witness-siglum"><xsl:with-param name="pointer" select="$p"/></xsl:call-template>
          <xsl:if test="string($rest)"><xsl:text> </xsl:text><xsl:value-of select="$rest"/></xsl:if>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$rest"/></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
